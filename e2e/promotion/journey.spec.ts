// The whole journey of a snapshot through dev → stage → prod in the browser, against the e2e test
// server's emulated Argo CD (it reports each Application Synced and Healthy shortly after Slipway
// writes it). Space, environments, application and snapshots are seeded through the API (their
// own specs drive those forms); promoting, following the runs, the pipeline view and the
// rollback are done on the pages.
import type { Locator, Page } from "@playwright/test";
import { DEFAULT_QUOTA } from "../../lib/environment-defaults";
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
 * Bob's space on the test server (registered by Alice, Argo CD in "argocd"): dev (Manual),
 * stage (AppStudioAutomated, from dev), prod (Manual, from stage); application "shop" with
 * components api and web and snapshot s1; Dave joins as a viewer.
 */
async function arrange(bob: Page, alice: Page, dave: Page) {
  await ensureArgoCdNamespace(kubeApi());
  const clusterId = await registerTestCluster(alice, uniqueName("journey"), {
    argoCdNamespace: "argocd",
  });
  const space = uniqueName("journey");
  await bob.goto("/getting-started");
  await mutate(bob, "space.create", { name: space, displayName: "Journey" });
  let parentId: string | null = null;
  for (const env of [
    { name: "dev", displayName: "Dev", type: "dev", deploymentStrategy: "Manual" },
    {
      name: "stage",
      displayName: "Stage",
      type: "stage",
      deploymentStrategy: "AppStudioAutomated",
    },
    { name: "prod", displayName: "Prod", type: "run", deploymentStrategy: "Manual" },
  ] as const) {
    const created = (await mutate(bob, "environment.create", {
      space,
      ...env,
      parentId,
      clusterId,
      quota: DEFAULT_QUOTA[env.type],
    })) as { id: string };
    parentId = created.id;
  }
  const ref = { space, application: "shop" };
  await mutate(bob, "application.create", {
    ...ref,
    name: "shop",
    displayName: "Shop",
    components: [gitopsComponent("api"), gitopsComponent("web")],
  });
  await mutate(bob, "snapshot.create", { ...ref, ...snapshotOf("s1", "1.0.1") });
  const invitation = (await mutate(bob, "invitation.create", {
    space,
    email: demoUsers.dave.email,
    role: "viewer",
  })) as { id: string };
  await dave.goto("/getting-started");
  await mutate(dave, "invitation.accept", { invitationId: invitation.id });
  return { space, ref };
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
