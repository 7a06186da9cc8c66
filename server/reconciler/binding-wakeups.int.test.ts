// A binding follows its environment without waiting for the resync: created while the environment
// is not yet Ready it waits, and the environment's pass that makes it Ready wakes it (a NOTIFY in
// the status write's transaction). Then, against the test server's emulated Argo CD, the sync is
// reported back: the binding's deployments read Synced and Healthy, and pages are told that Argo
// CD is emulated there. Keys run through the reconcile pump, which has no resync and no clock:
// only NOTIFYs move the work along.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusters, gitopsDeployments, snapshotEnvironmentBindings } from "@/db/schema";
import { BUNDLED_CRDS_DIR } from "@/k8s-test-server/index";
import { findCondition, isReady } from "@/lib/conditions";
import { arrangeApplication } from "@/testing/applications";
import { callerFor } from "@/testing/callers";
import { startReconcilePump } from "@/testing/reconcile-pump";
import {
  clusterObjects,
  createSpaceWith,
  insertEnvironment,
  passContext,
  registerTestCluster,
  startKubeTestServer,
  type KubeTestServer,
} from "@/testing/reconciler-fixtures";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { ClusterClientPool } from "@/server/k8s/client-pool";
import { argoApplicationName } from "@/server/k8s/manifests/argo-application";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import { reconcileBinding } from "./reconcile-binding";
import { reconcileEnvironment } from "./reconcile-environment";

const ARGO = "argoproj.io/v1alpha1";

describe.each(testDatabaseKinds())("binding wake-ups and emulated Argo CD on %s", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  const pool = new ClusterClientPool();

  beforeAll(async () => {
    // Argo CD emulated as on the sandbox (no delay: the test waits on the server, not a clock).
    server = await startKubeTestServer({ manifestDirs: [BUNDLED_CRDS_DIR], emulateArgoCd: true });
  });
  afterAll(async () => {
    pool.close();
    await server?.stop();
  });

  const contextFor = (id: string) => passContext(database().db, pool)(id);
  const runners = {
    binding: (id: string) => reconcileBinding(contextFor(id)),
    environment: (id: string) => reconcileEnvironment(contextFor(id)),
  };

  const bindingRow = async (id: string) =>
    (
      await database()
        .db.select()
        .from(snapshotEnvironmentBindings)
        .where(eq(snapshotEnvironmentBindings.id, id))
    )[0]!;

  it("gives a binding made before its environment was Ready its Application once it is, with no resync", async () => {
    const db = database().db;
    const cluster = await registerTestCluster(db, server);
    await db.update(clusters).set({ argoCdNamespace: "argocd" }).where(eq(clusters.id, cluster.id));
    const { space, members } = await createSpaceWith(db, "wakes", { olive: "owner" });
    const env = await insertEnvironment(db, {
      spaceId: space.id,
      clusterId: cluster.id,
      name: "stage",
      namespace: `${kind}-wakes-stage`,
    });
    const app = await arrangeApplication(db, space.id, env.id);
    const [binding] = await db
      .select()
      .from(snapshotEnvironmentBindings)
      .where(eq(snapshotEnvironmentBindings.environmentId, env.id));
    const applicationName = argoApplicationName({
      spaceName: "wakes",
      applicationName: app.application,
      componentName: app.component,
      environmentName: "stage",
    });
    const objects = clusterObjects(server);

    // Only bindings run at first: the environment is not Ready, so the binding waits.
    const bindingsOnly = await startReconcilePump(database(), { binding: runners.binding });
    try {
      bindingsOnly.enqueue(reconcileKey("binding", binding!.id));
      await bindingsOnly.until(async () => {
        const row = await bindingRow(binding!.id);
        return findCondition(row.status, "Ready")?.reason === "EnvironmentNotReady";
      });
    } finally {
      await bindingsOnly.stop();
    }
    expect(await objects.get(ARGO, "Application", applicationName, "argocd")).toBeUndefined();

    // The environment's pass makes it Ready; nothing enqueues the binding but its wake-up.
    const pump = await startReconcilePump(database(), runners);
    try {
      pump.enqueue(reconcileKey("environment", env.id));
      await pump.until(async () => {
        const row = await bindingRow(binding!.id);
        return isReady(row.status, row.generation);
      });
      const written = await objects.get(ARGO, "Application", applicationName, "argocd");
      expect(written?.metadata?.labels?.["slipway.dev/owner-id"]).toBe(binding!.id);

      // The emulated Argo CD reports the sync; the binding's next pass records it.
      await server.settled();
      expect(server.argoCdEmulatorErrors).toEqual([]);
      pump.enqueue(reconcileKey("binding", binding!.id));
      await pump.until(async () => {
        const row = await bindingRow(binding!.id);
        return findCondition(row.status, "AllComponentsDeployed")?.status === "True";
      });
    } finally {
      await pump.stop();
    }
    const [deployment] = await db
      .select()
      .from(gitopsDeployments)
      .where(eq(gitopsDeployments.bindingId, binding!.id));
    expect(deployment).toMatchObject({
      syncStatus: "Synced",
      healthStatus: "Healthy",
      revision: "main",
      operationState: {
        phase: "Succeeded",
        message: "emulated sync: the sandbox runs no workloads",
        initiatedBy: "automated",
      },
    });
    const owner = callerFor(db, { id: members.olive!.id, label: "olive", isAdmin: false });
    const page = await owner.deployment.list({ space: "wakes", environment: "stage" });
    expect(page.items.map((d) => [d.component, d.syncStatus, d.argoCdEmulated])).toStrictEqual([
      ["web", "Synced", true],
    ]);
  });
});
