// "Sync now" from the browser on a manual deployment. The test plays Argo CD's controller through
// the test server's kubeconfig, writing the Application's status.operationState as Argo CD would,
// step by step: its cluster names an Argo CD namespace the e2e server's emulated Argo CD (which
// answers only in "argocd", within 200 ms) leaves alone, so each phase is the test's to set.
import { type KubernetesObjectApi, PatchStrategy } from "@kubernetes/client-node";
import type { Page } from "@playwright/test";
import { expect, pageAs, screenshot, test, uniqueName } from "../fixtures/auth";
import { ensureArgoCdNamespace, kubeApi } from "../fixtures/argo-cd";
import { seedShopBoundToProd } from "../fixtures/bound-shop";
import { registerTestCluster } from "../fixtures/trpc";

const ARGO = "argoproj.io/v1alpha1";
const PLAYED_ARGO_CD_NAMESPACE = "argocd-played";

interface TApplication {
  metadata: { name: string; labels?: Record<string, string> };
  operation?: { initiatedBy?: { username?: string }; info?: unknown[] };
  status?: { operationState?: { phase?: string } };
}

/** The Application Slipway wrote for a component of the space. */
async function applicationOf(
  api: KubernetesObjectApi,
  space: string,
  component: string,
): Promise<TApplication | undefined> {
  const { items } = await api.list(ARGO, "Application", PLAYED_ARGO_CD_NAMESPACE);
  return (items as unknown as TApplication[]).find(
    (a) =>
      a.metadata.labels?.["slipway.dev/space"] === space &&
      a.metadata.labels["slipway.dev/component"] === component,
  );
}

/** Plays Argo CD's controller (the Application has no status subresource). */
async function asArgoCd(api: KubernetesObjectApi, name: string, patch: Record<string, unknown>) {
  await api.patch(
    {
      apiVersion: ARGO,
      kind: "Application",
      metadata: { name, namespace: PLAYED_ARGO_CD_NAMESPACE },
      ...patch,
    },
    undefined,
    undefined,
    "argocd-application-controller",
    undefined,
    PatchStrategy.MergePatch,
  );
}

/** A space with environment "prod" on a cluster running Argo CD, app "shop" bound there. */
async function arrange(page: Page, admin: Page) {
  const api = kubeApi();
  await ensureArgoCdNamespace(api, PLAYED_ARGO_CD_NAMESPACE);
  const clusterId = await registerTestCluster(admin, uniqueName("argo"), {
    argoCdNamespace: PLAYED_ARGO_CD_NAMESPACE,
  });
  const space = uniqueName("sync");
  await seedShopBoundToProd(page, {
    space,
    clusterId,
    components: [{ name: "api", syncMode: "manual" }],
  });
  return { api, space };
}

test.describe("sync runs", () => {
  test.use({ signedInAs: "bob" });

  test("a contributor syncs a manual deployment now, sees it run, and cancels it", async ({
    page,
    browser,
  }) => {
    const admin = await pageAs(browser, "alice");
    const { api, space } = await arrange(page, admin);
    await page.goto(`/spaces/${space}/applications/shop`);
    const deployments = page.getByRole("table", { name: "Deployments" });
    // Wait for the reconciler to write both Applications (the section lists them then).
    await expect(async () => {
      await page.reload();
      await expect(deployments.getByRole("row")).toHaveCount(3, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });

    const syncWeb = page.getByRole("button", { name: "Sync now: web in prod" });
    await expect(syncWeb).toBeDisabled();
    await expect(deployments.getByText("Syncs automatically from Git.")).toBeVisible();

    await page.getByRole("button", { name: "Sync now: api in prod" }).click();
    await expect(page.getByText("Sync run started", { exact: true }).first()).toBeVisible();
    const runs = page.getByRole("list", { name: "Sync runs of api in prod" });
    await expect(runs.getByText("Pending", { exact: true })).toBeVisible();

    // Argo CD picks the operation up.
    let app: TApplication | undefined;
    await expect(async () => {
      app = await applicationOf(api, space, "api");
      expect(app?.operation?.initiatedBy?.username).toBeTruthy();
    }).toPass({ timeout: 15_000 });
    await asArgoCd(api, app!.metadata.name, {
      status: {
        operationState: {
          operation: app!.operation,
          phase: "Running",
          message: "one or more tasks are running",
          startedAt: new Date().toISOString(),
        },
      },
    });
    await expect(runs.getByText("Running", { exact: true })).toBeVisible({ timeout: 15_000 });
    await expect(runs.getByText("one or more tasks are running")).toBeVisible();
    await screenshot(page, "sync-run-running");

    await runs.getByRole("button", { name: "Cancel the sync run of api in prod" }).click();
    // Slipway asks Argo CD to terminate, as `argocd app terminate-op` does.
    await expect(async () => {
      const terminating = await applicationOf(api, space, "api");
      expect(terminating?.status?.operationState?.phase).toBe("Terminating");
    }).toPass({ timeout: 15_000 });
    await asArgoCd(api, app!.metadata.name, {
      operation: null,
      status: {
        operationState: {
          operation: app!.operation,
          phase: "Failed",
          message: "Operation terminated",
          startedAt: new Date().toISOString(),
          finishedAt: new Date().toISOString(),
        },
      },
    });
    await page.reload();
    await expect(runs.getByText("Terminated", { exact: true })).toBeVisible({ timeout: 15_000 });
    await expect(runs.getByText("Operation terminated")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sync now: api in prod" })).toBeEnabled();
  });
});
