// Configuring a binding in the browser: a contributor sets one component's replicas and an env
// var for one environment (fixing a bad quantity first), and the Argo CD Application Slipway
// writes for that component carries them; the page also shows the repository Secret, redacted. Space, environment, application, snapshot and binding
// are seeded through the API (their own specs drive those forms).
import type { Page } from "@playwright/test";
import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import { ensureArgoCdNamespace, kubeApi } from "../fixtures/argo-cd";
import { seedShopBoundToProd } from "../fixtures/bound-shop";
import { mutate, registerTestCluster } from "../fixtures/trpc";
import { demoUsers } from "../fixtures/users";

const REPO_TOKEN = "glpat-e2e-binding-token";

interface TApplication {
  metadata: { labels?: Record<string, string> };
  spec: {
    source: { kustomize?: { replicas?: { name: string; count: number }[]; patches?: unknown[] } };
  };
}

/** The Argo CD Application Slipway wrote for `component` of `space`, if any yet. */
async function applicationOf(space: string, component: string) {
  const { items } = await kubeApi().list("argoproj.io/v1alpha1", "Application", "argocd");
  return (items as unknown as TApplication[]).find(
    (a) =>
      a.metadata.labels?.["slipway.dev/space"] === space &&
      a.metadata.labels["slipway.dev/component"] === component,
  );
}

/**
 * Carol's space on the test server (registered by Alice, Argo CD in "argocd"): environment
 * "prod", application "shop" (api, web) with snapshot s1 bound there, nothing configured. Bob
 * joins as a contributor, Dave as a viewer.
 */
async function arrange(carol: Page, alice: Page, members: { bob: Page; dave: Page }) {
  await ensureArgoCdNamespace(kubeApi());
  const clusterId = await registerTestCluster(alice, uniqueName("bindcfg"), {
    argoCdNamespace: "argocd",
  });
  const space = uniqueName("bindcfg");
  await seedShopBoundToProd(carol, { space, clusterId });
  // The GitOps repository is private: the binding writes Argo CD a repository Secret for it.
  await mutate(carol, "repositoryCredential.create", {
    space,
    repository: "https://git.example.com/team/gitops.git",
    kind: "https",
    username: "deployer",
    token: REPO_TOKEN,
  });
  for (const [user, role] of [
    ["bob", "contributor"],
    ["dave", "viewer"],
  ] as const) {
    const invitation = (await mutate(carol, "invitation.create", {
      space,
      email: demoUsers[user].email,
      role,
    })) as { id: string };
    await members[user].goto("/getting-started");
    await mutate(members[user], "invitation.accept", { invitationId: invitation.id });
  }
  return space;
}

test.describe("binding configuration", () => {
  test.use({ signedInAs: "bob" });

  test("a contributor sets replicas and an env var for one environment (fixing a bad quantity) and the Application carries them; a viewer sees no Configure", async ({
    page,
    browser,
  }) => {
    const alice = await pageAs(browser, "alice");
    const carol = await pageAs(browser, "carol");
    const dave = await pageAs(browser, "dave");
    const space = await arrange(carol, alice, { bob: page, dave });
    const appPage = `/spaces/${space}/applications/shop`;

    await page.goto(appPage);
    await page.getByRole("link", { name: "Configure in Prod" }).click();
    await expect(page).toHaveURL(new RegExp(`${appPage}/bindings/prod/edit$`));
    const form = page.getByRole("form", { name: "Configure binding" });
    const api = form.getByRole("group", { name: "api (api)" });
    await expect(api.getByLabel("Sync mode")).toHaveValue("automated");
    await expect(
      form.getByText("Argo CD deploys only when someone presses Sync now.").first(),
    ).toBeVisible();

    await api.getByLabel("Replicas").fill("3");
    await api.getByRole("button", { name: "Add variable" }).click();
    await api.getByLabel("Variable 1 name").fill("LOG_LEVEL");
    await api.getByLabel("Variable 1 value").fill("debug");
    await api.getByLabel("CPU request").fill("lots");
    await form.getByRole("button", { name: "Save configuration" }).click();
    const cpuError = "CPU must be a Kubernetes quantity, like 500m, 2, 512Mi or 4Gi.";
    await expect(api.getByRole("alert").filter({ hasText: cpuError })).toBeVisible();
    await expect(api.getByLabel("CPU request")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(new RegExp(`${appPage}/bindings/prod/edit$`));
    await screenshot(page, "binding-config-field-error");

    await api.getByLabel("CPU request").fill("250m");
    await form.getByRole("button", { name: "Save configuration" }).click();
    await expect(page.getByText("Configuration saved", { exact: true }).first()).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${appPage}$`));
    // Only the component that changed counts as configured.
    await expect(page.getByTestId("binding-prod")).toContainText("api");
    await expect(page.getByTestId("binding-prod")).not.toContainText("web");

    // The reconciler lays the configuration over api's kustomize source; web is left alone.
    await expect(async () => {
      const application = await applicationOf(space, "api");
      expect(application?.spec.source.kustomize?.replicas).toEqual([{ name: "api", count: 3 }]);
      expect(JSON.stringify(application?.spec.source.kustomize?.patches)).toContain("LOG_LEVEL");
      expect(JSON.stringify(application?.spec.source.kustomize?.patches)).toContain("250m");
    }).toPass({ timeout: 45_000 });
    expect((await applicationOf(space, "web"))?.spec.source.kustomize?.replicas).toBeUndefined();

    // Opened again, the form shows what was saved.
    await page.getByRole("link", { name: "Configure in Prod" }).click();
    await expect(api.getByLabel("Replicas")).toHaveValue("3");
    await expect(api.getByLabel("Variable 1 value")).toHaveValue("debug");

    // Below it, the repository Secret the binding wrote, as Argo CD's namespace holds it, with
    // every value redacted.
    const secrets = page.getByRole("table", { name: "Objects on the cluster" });
    await expect(async () => {
      await page.reload();
      await expect(secrets.getByRole("row").filter({ hasText: "Secret" })).toContainText("Applied");
    }).toPass({ timeout: 30_000 });
    await secrets.getByText("View YAML").click();
    const yaml = secrets.locator("pre");
    await expect(yaml).toContainText(`password: "<redacted: ${REPO_TOKEN.length} bytes>"`);
    await expect(yaml).not.toContainText(REPO_TOKEN);
    await expect(yaml).not.toContainText(Buffer.from(REPO_TOKEN).toString("base64"));
    await screenshot(page, "binding-repository-secret");

    // From the environment's "Deployed here", the form leads back to the environment.
    await page.goto(`/spaces/${space}/environments/prod`);
    await page.getByRole("link", { name: "Configure shop in Prod" }).click();
    await expect(api.getByLabel("Replicas")).toHaveValue("3");
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${space}/environments/prod$`));

    // A viewer reads the bindings but is offered no Configure, and the page itself is not found.
    await dave.goto(appPage);
    await expect(dave.getByTestId("binding-prod")).toBeVisible();
    await expect(dave.getByRole("link", { name: /^Configure/ })).toHaveCount(0);
    await dave.goto(`/spaces/${space}/environments/prod`);
    await expect(dave.getByTestId("deployed-shop")).toBeVisible();
    await expect(dave.getByRole("link", { name: /^Configure/ })).toHaveCount(0);
    await dave.goto(`${appPage}/bindings/prod/edit`);
    await expect(dave.getByRole("form", { name: "Configure binding" })).toHaveCount(0);
  });
});
