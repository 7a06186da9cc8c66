// The whole journey of a snapshot through dev → stage → prod in the browser, against the e2e test
// server's emulated Argo CD (it reports each Application Synced and Healthy shortly after Slipway
// writes it). Everything a developer does is done on the pages: the space, the environments, the
// application and its first snapshot through their forms, then promoting, following the runs,
// the pipeline view and the rollback. Only the admin's cluster registration, a later snapshot and
// the viewer's invitation are seeded through the API (their own specs drive those forms).
import type { Locator, Page } from "@playwright/test";
import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import { ensureArgoCdNamespace, gitopsComponent, kubeApi } from "../fixtures/argo-cd";
import { mutate, registerTestCluster } from "../fixtures/trpc";
import { demoUsers } from "../fixtures/users";

// A promotion waits for the environment, the binding's reconcile and Argo CD (emulated: 200 ms).
const SETTLE = { timeout: 45_000 };

const snapshotOf = (name: string, version: string) => ({
  name,
  displayName: name,
  components: ["api", "web"].map((c) => ({
    name: c,
    containerImage: `quay.io/team/${c}:${version}`,
  })),
});

/**
 * Bob's space on the test server (registered by Alice, Argo CD in "argocd"), made in the browser
 * through the forms a developer uses: dev (Manual), stage (AppStudioAutomated, from dev), prod
 * (Manual, from stage); application "shop" with components api and web; snapshot s1. Dave joins
 * as a viewer (the invitation has its own spec).
 */
async function arrange(bob: Page, alice: Page, dave: Page) {
  await ensureArgoCdNamespace(kubeApi());
  const cluster = uniqueName("journey");
  await registerTestCluster(alice, cluster, { argoCdNamespace: "argocd" });
  const space = uniqueName("journey");
  await bob.goto("/spaces/new");
  await bob.getByLabel("Display name").fill("Journey");
  await bob.locator('input[name="name"]').fill(space);
  await bob.getByRole("button", { name: "Create space" }).click();
  await expect(bob).toHaveURL(new RegExp(`/spaces/${space}$`));

  const chain = [
    { display: "Dev", name: "dev", type: "dev", strategy: "Manual", parent: null },
    {
      display: "Stage",
      name: "stage",
      type: "stage",
      strategy: "AppStudioAutomated",
      parent: "Dev (dev)",
    },
    { display: "Prod", name: "prod", type: "run", strategy: "Manual", parent: "Stage (stage)" },
  ] as const;
  for (const env of chain) {
    await bob.goto(`/spaces/${space}/environments/new`);
    const form = bob.getByRole("form", { name: "Create environment" });
    await form.getByRole("textbox", { name: "Display name", exact: true }).fill(env.display);
    await expect(form.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(env.name);
    await form.getByRole("combobox", { name: "Type", exact: true }).selectOption(env.type);
    await form
      .getByRole("combobox", { name: "Cluster", exact: true })
      .selectOption({ label: cluster });
    if (env.parent) {
      await form
        .getByRole("combobox", { name: "Promoted from" })
        .selectOption({ label: env.parent });
    }
    await form.getByRole("combobox", { name: "Deployment strategy" }).selectOption(env.strategy);
    await form.getByRole("button", { name: "Create environment" }).click();
    await expect(bob).toHaveURL(new RegExp(`/spaces/${space}/environments/${env.name}$`));
  }

  await bob.goto(`/spaces/${space}/applications/new`);
  const app = bob.getByRole("form", { name: "Create app" });
  await app.getByLabel("Display name").first().fill("Shop");
  await expect(app.getByRole("textbox", { name: "Name", exact: true }).first()).toHaveValue("shop");
  for (const [index, name] of ["api", "web"].entries()) {
    if (index > 0) await app.getByRole("button", { name: "Add another component" }).click();
    const component = app.getByRole("group", { name: `Component ${index + 1}` });
    const values = gitopsComponent(name);
    await component.getByLabel("Display name").fill(values.displayName);
    await component.getByLabel("Source repository URL").fill(values.sourceUrl);
    await component.getByLabel("Container image").fill(values.containerImage);
    await component.getByLabel("GitOps repository URL").fill(values.gitopsSource.repoUrl);
    await component.getByLabel("GitOps path").fill(values.gitopsSource.path);
    await component.getByLabel("Target revision").fill(values.gitopsSource.targetRevision);
    await component.getByLabel("Source type").selectOption(values.gitopsSource.type);
  }
  await app.getByRole("button", { name: "Create app" }).click();
  await expect(bob).toHaveURL(new RegExp(`/spaces/${space}/applications/shop$`));

  const snapshot = bob.getByRole("form", { name: "Create snapshot" });
  await snapshot.getByLabel("Snapshot display name").fill("s1");
  await snapshot.getByLabel("Snapshot name").fill("s1");
  for (const component of ["api", "web"]) {
    await snapshot.getByLabel(`Image of ${component}`).fill(`quay.io/team/${component}:1.0.1`);
  }
  await snapshot.getByRole("button", { name: "Create snapshot" }).click();
  await expect(
    bob.getByRole("table", { name: "Snapshots" }).getByTestId("snapshot-s1"),
  ).toBeVisible();

  const invitation = (await mutate(bob, "invitation.create", {
    space,
    email: demoUsers.dave.email,
    role: "viewer",
  })) as { id: string };
  await dave.goto("/getting-started");
  await mutate(dave, "invitation.accept", { invitationId: invitation.id });
  return { space, ref: { space, application: "shop" } };
}

/** An environment's stage on the promotion page or the pipeline view runs `snapshot`, settled. */
async function expectSettled(stage: Locator, snapshot: string) {
  await expect(stage).toContainText(`Snapshot ${snapshot}`, SETTLE);
  await expect(stage.getByText("Synced", { exact: true })).toBeVisible(SETTLE);
  await expect(stage.getByText("Healthy", { exact: true })).toBeVisible(SETTLE);
}

/** Opens the Promote dialog behind `button`, picks `snapshot` when given, checks the diff, confirms. */
async function promote(
  page: Page,
  button: Locator,
  expected: { snapshot: string; image: string; shotName: string },
) {
  await expect(button).toBeEnabled(SETTLE);
  await button.click();
  const dialog = page.getByRole("dialog");
  const snapshot = dialog.getByRole("combobox", { name: "Snapshot" });
  if (await snapshot.isVisible()) await snapshot.selectOption(expected.snapshot);
  // The diff comes first: what api runs after the promotion.
  const diff = dialog.getByRole("table", { name: "Changes per component" });
  await expect(diff.getByTestId("diff-api")).toContainText(expected.image);
  await expect(diff.getByTestId("diff-web")).toBeVisible();
  await screenshot(page, expected.shotName);
  await dialog.getByRole("button", { name: new RegExp(`to ${expected.snapshot}$`) }).click();
  await expect(dialog).toBeHidden();
}

test.describe("promotion journey", () => {
  test.use({ signedInAs: "bob" });

  test("a snapshot goes dev → stage (automated) → prod (by hand), shows in the pipeline, and dev rolls back; a viewer sees no promote buttons", async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    const alice = await pageAs(browser, "alice");
    const dave = await pageAs(browser, "dave");
    const { space, ref } = await arrange(page, alice, dave);

    await page.goto(`/spaces/${space}/applications/shop`);
    await page
      .getByRole("navigation", { name: "Application" })
      .getByRole("link", { name: "Promotion" })
      .click();
    await expect(page).toHaveURL(new RegExp(`/spaces/${space}/applications/shop/promotion$`));
    const stage = (env: string) => page.getByTestId(`stage-${env}`);
    await expect(stage("dev")).toContainText("Nothing deployed here yet.");
    // The cluster has no user sign-in: Slipway says it acts with the service credentials.
    await expect(stage("dev")).toContainText(
      "Slipway acts with the cluster's service credentials.",
    );

    // s1 to dev by hand, the diff shown first (nothing runs there yet).
    await promote(page, page.getByRole("button", { name: "Promote to Dev" }), {
      snapshot: "s1",
      image: "quay.io/team/api:1.0.1",
      shotName: "promotion-dialog",
    });
    await expect(page.getByText("Promotion started", { exact: true }).first()).toBeVisible();
    const runs = page.getByRole("list", { name: "Promotion runs" });
    const manual = runs.getByRole("listitem", { name: "Manual promotion of s1" });
    await expect(manual.getByText("Success", { exact: true }).first()).toBeVisible(SETTLE);
    await expectSettled(stage("dev"), "s1");

    // Stage is AppStudioAutomated: it takes s1 on its own; prod (Manual) does not.
    const automated = runs.getByRole("listitem", { name: "Automated promotion of s1" });
    await expect(automated.getByText("Success", { exact: true }).first()).toBeVisible(SETTLE);
    await expectSettled(stage("stage"), "s1");
    await expect(stage("prod")).toContainText("Nothing deployed here yet.");
    await screenshot(page, "promotion-page");

    // Prod by hand, along the stage → prod edge: the dialog offers what stage runs.
    await promote(page, page.getByRole("button", { name: "Promote from Stage to Prod" }), {
      snapshot: "s1",
      image: "quay.io/team/api:1.0.1",
      shotName: "promotion-dialog-prod",
    });
    await expectSettled(stage("prod"), "s1");

    // The pipeline view: Build first (no provider yet), then the three environments.
    await page
      .getByRole("navigation", { name: "Application" })
      .getByRole("link", { name: "Pipeline" })
      .click();
    await expect(page.getByTestId("pipeline-stage-build")).toContainText("No build provider yet");
    for (const env of ["dev", "stage", "prod"]) {
      await expectSettled(page.getByTestId(`pipeline-stage-${env}`), "s1");
    }
    await screenshot(page, "pipeline-view");

    // s2 to dev, then dev rolls back to s1 from its history.
    await mutate(page, "snapshot.create", { ...ref, ...snapshotOf("s2", "1.0.2") });
    await page.goto(`/spaces/${space}/applications/shop/promotion`);
    await promote(page, page.getByRole("button", { name: "Promote to Dev" }), {
      snapshot: "s2",
      image: "quay.io/team/api:1.0.2",
      shotName: "promotion-dialog-s2",
    });
    await expectSettled(stage("dev"), "s2");

    await page.goto(`/spaces/${space}/environments/dev`);
    const deployed = page.getByTestId("deployed-shop");
    await expect(deployed).toContainText("Snapshot s2");
    const history = deployed.getByRole("list", { name: "History of shop" });
    await expect(history.getByRole("listitem")).toHaveCount(2);
    await promote(page, history.getByRole("button", { name: "Roll back to this: s1 of shop" }), {
      snapshot: "s1",
      image: "quay.io/team/api:1.0.1",
      shotName: "rollback-dialog",
    });
    await expect(page.getByText("Rollback started", { exact: true }).first()).toBeVisible();
    await expect(deployed).toContainText("Snapshot s1", SETTLE);
    await expect(history.getByRole("listitem").first()).toContainText("rollback", SETTLE);
    await screenshot(page, "environment-rolled-back");

    // Getting Started counts the first deployment as made.
    await page.goto("/getting-started");
    await expect(page.getByTestId("step-first-deployment")).toHaveAttribute("data-state", "done");

    // A viewer reads the same pages without any promote or rollback button.
    await dave.goto(`/spaces/${space}/applications/shop/promotion`);
    await expect(dave.getByTestId("stage-prod")).toContainText("Snapshot s1");
    await expect(dave.getByRole("button", { name: /Promote/ })).toHaveCount(0);
    await dave.goto(`/spaces/${space}/environments/dev`);
    await expect(dave.getByTestId("deployed-shop")).toContainText("Snapshot s1");
    await expect(dave.getByRole("button", { name: /Promote|Roll back/ })).toHaveCount(0);
  });
});
