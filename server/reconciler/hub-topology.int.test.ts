import type { KubernetesObject } from "@kubernetes/client-node";
// Hub topology: an environment's cluster that runs no Argo CD names a hub whose Argo CD deploys to
// it. The binding's Applications go into the hub's Argo CD namespace aimed at the environment
// cluster's API URL (nothing Argo CD's is written on the environment's cluster), and the hub's
// cluster pass writes the Argo CD cluster Secret the hub needs to reach it. Two test servers:
// the hub (Argo CD's CRDs, emulated Argo CD) and the environment's cluster (no Argo CD at all).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusters,
  gitopsDeployments,
  managedObjects,
  snapshotEnvironmentBindings,
} from "@/db/schema";
import { BUNDLED_CRDS_DIR } from "@/k8s-test-server/index";
import { isReady } from "@/lib/conditions";
import { arrangeApplication } from "@/testing/applications";
import { callerFor, createTestUser } from "@/testing/callers";
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
import { argoClusterSecretName } from "@/server/k8s/manifests/argo-cluster-secret";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import { reconcileBinding } from "./reconcile-binding";
import { reconcileCluster } from "./reconcile-cluster";
import { reconcileEnvironment } from "./reconcile-environment";

const ARGO = "argoproj.io/v1alpha1";
const b64 = (text: string) => Buffer.from(text).toString("base64");
const decode = (value: string | undefined) => Buffer.from(value ?? "", "base64").toString("utf8");

describe.each(testDatabaseKinds())("hub topology on %s", (kind) => {
  const database = useTestDatabase(kind);
  let hubServer: KubeTestServer;
  let spokeServer: KubeTestServer;
  const pool = new ClusterClientPool();

  beforeAll(async () => {
    hubServer = await startKubeTestServer({
      manifestDirs: [BUNDLED_CRDS_DIR],
      emulateArgoCd: true,
    });
    // Argo CD's CRDs but no Argo CD answering: a cluster whose own Argo CD a hub later replaces.
    spokeServer = await startKubeTestServer({ manifestDirs: [BUNDLED_CRDS_DIR] });
  });
  afterAll(async () => {
    pool.close();
    await hubServer?.stop();
    await spokeServer?.stop();
  });

  const contextFor = (id: string) => passContext(database().db, pool)(id);
  const hubRowsOf = (hubId: string) =>
    database()
      .db.select()
      .from(managedObjects)
      .where(eq(managedObjects.ownerKey, reconcileKey("cluster", hubId)));

  /**
   * Space `spaceName` with application "shop" (component "web") bound to its new environment
   * "stage" on `clusterId`, and a pump running environment and binding passes from both keys.
   */
  async function arrangeBinding(spaceName: string, clusterId: string) {
    const db = database().db;
    const { space } = await createSpaceWith(db, spaceName, { olive: "owner" });
    const env = await insertEnvironment(db, {
      spaceId: space.id,
      clusterId,
      name: "stage",
      namespace: `${kind}-${spaceName}-stage`,
    });
    const app = await arrangeApplication(db, space.id, env.id);
    const [binding] = await db
      .select()
      .from(snapshotEnvironmentBindings)
      .where(eq(snapshotEnvironmentBindings.environmentId, env.id));
    const name = argoApplicationName({
      spaceName,
      applicationName: app.application,
      componentName: app.component,
      environmentName: "stage",
    });
    const pump = await startReconcilePump(database(), {
      environment: (id) => reconcileEnvironment(contextFor(id)),
      binding: (id) => reconcileBinding(contextFor(id)),
    });
    pump.enqueue(reconcileKey("environment", env.id));
    pump.enqueue(reconcileKey("binding", binding!.id));
    return { binding: binding!, name, pump };
  }

  it("puts a binding's Applications on the hub, aimed at the environment's cluster, with the hub's cluster Secret for it", async () => {
    const db = database().db;
    const hub = await registerTestCluster(db, hubServer, "hub");
    await db.update(clusters).set({ argoCdNamespace: "argocd" }).where(eq(clusters.id, hub.id));
    const spoke = await registerTestCluster(db, spokeServer, "spoke");
    await db
      .update(clusters)
      .set({ hubClusterId: hub.id, namespaces: [`${kind}-edge-stage`] })
      .where(eq(clusters.id, spoke.id));
    const { binding, name, pump } = await arrangeBinding("edge", spoke.id);
    try {
      await pump.until(async () => {
        const [row] = await db
          .select()
          .from(snapshotEnvironmentBindings)
          .where(eq(snapshotEnvironmentBindings.id, binding.id));
        return isReady(row!.status, row!.generation);
      });
    } finally {
      await pump.stop();
    }
    const onHub = (await clusterObjects(hubServer).get(ARGO, "Application", name, "argocd")) as
      { spec?: unknown } | undefined;
    expect(onHub?.spec).toMatchObject({
      destination: { server: spokeServer.url, namespace: `${kind}-edge-stage` },
    });
    // The environment's own objects are on its cluster; nothing of Argo CD's is.
    const spokeObjects = clusterObjects(spokeServer);
    expect(await spokeObjects.get("v1", "Namespace", `${kind}-edge-stage`)).toBeDefined();
    expect(await spokeObjects.get("v1", "Namespace", "argocd")).toBeUndefined();
    const [deployment] = await db
      .select()
      .from(gitopsDeployments)
      .where(eq(gitopsDeployments.bindingId, binding.id));
    expect(deployment?.argoCdClusterId).toBe(hub.id);

    // The hub's pass writes the Secret its Argo CD reaches the environment's cluster with.
    await reconcileCluster(contextFor(hub.id));
    const secret = (await clusterObjects(hubServer).get(
      "v1",
      "Secret",
      argoClusterSecretName("spoke"),
      "argocd",
    )) as unknown as { data: Record<string, string>; metadata: { labels: Record<string, string> } };
    expect(secret.metadata.labels).toMatchObject({
      "argocd.argoproj.io/secret-type": "cluster",
      "slipway.dev/owner-kind": "cluster",
      "slipway.dev/owner-id": hub.id,
    });
    expect(decode(secret.data.server)).toBe(spokeServer.url);
    expect(decode(secret.data.name)).toBe("spoke");
    expect(decode(secret.data.namespaces)).toBe(`${kind}-edge-stage`);
    const config = JSON.parse(decode(secret.data.config)) as { bearerToken?: string };
    expect(config.bearerToken).toBe(spokeServer.adminToken);

    // The hub's admin page lists the Secret as the cluster holds it, every value redacted.
    const admin = callerFor(
      db,
      await createTestUser(db, `secrets-admin-${kind}`, { isAdmin: true }),
    );
    const page = await admin.cluster.get({ name: "hub" });
    expect(page.objects).toHaveLength(1);
    expect(page.objects[0]).toMatchObject({
      kind: "Secret",
      namespace: "argocd",
      name: argoClusterSecretName("spoke"),
      health: "Applied",
    });
    expect(page.objects[0]!.observed).toMatchObject({
      metadata: { labels: { "argocd.argoproj.io/secret-type": "cluster" } },
      data: {
        name: "<redacted: 5 bytes>",
        server: `<redacted: ${spokeServer.url.length} bytes>`,
        config: expect.stringMatching(/^<redacted: \d+ bytes>$/) as unknown,
      },
    });
    const text = JSON.stringify(page);
    for (const leaked of [spokeServer.adminToken, b64(spokeServer.adminToken), secret.data.config!])
      expect(text).not.toContain(leaked);
    // Only admins see a cluster's objects.
    const developer = callerFor(db, await createTestUser(db, `secrets-dev-${kind}`));
    await expect(developer.cluster.get({ name: "hub" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // An unchanged hub pass rewrites nothing.
    const before = await hubRowsOf(hub.id);
    await reconcileCluster(contextFor(hub.id));
    expect(await hubRowsOf(hub.id)).toStrictEqual(before);

    // A cluster that stops naming the hub loses its Secret there at the hub's next pass.
    await db.update(clusters).set({ hubClusterId: null }).where(eq(clusters.id, spoke.id));
    await reconcileCluster(contextFor(hub.id));
    expect(
      await clusterObjects(hubServer).get("v1", "Secret", argoClusterSecretName("spoke"), "argocd"),
    ).toBeUndefined();
    expect(await hubRowsOf(hub.id)).toStrictEqual([]);
  });

  it("lists a hub's cluster Secret the hub refused as Failed, saying why", async () => {
    const db = database().db;
    // Argo CD's namespace named on the hub does not exist there: the apply is refused.
    const hub = await registerTestCluster(db, hubServer, "hub-3");
    await db
      .update(clusters)
      .set({ argoCdNamespace: "argocd-missing" })
      .where(eq(clusters.id, hub.id));
    const spoke = await registerTestCluster(db, spokeServer, "spoke-3");
    await db.update(clusters).set({ hubClusterId: hub.id }).where(eq(clusters.id, spoke.id));
    await reconcileCluster(contextFor(hub.id));
    const admin = callerFor(
      db,
      await createTestUser(db, `failed-admin-${kind}`, { isAdmin: true }),
    );
    const { objects } = await admin.cluster.get({ name: hub.name });
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({
      kind: "Secret",
      name: argoClusterSecretName("spoke-3"),
      health: "Failed",
      observed: null,
    });
    expect(objects[0]!.message).toMatch(/argocd-missing/);
  });

  it("moves a binding's Applications to a hub named later, removing them from the former Argo CD", async () => {
    const db = database().db;
    const hub = await registerTestCluster(db, hubServer, "hub-2");
    await db.update(clusters).set({ argoCdNamespace: "argocd" }).where(eq(clusters.id, hub.id));
    const own = await registerTestCluster(db, spokeServer, "own-argo");
    await db.update(clusters).set({ argoCdNamespace: "argocd" }).where(eq(clusters.id, own.id));
    await clusterObjects(spokeServer).api.create({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "argocd" },
    });
    const { binding, name, pump } = await arrangeBinding("moving", own.id);
    const applicationOn = (server: KubeTestServer) =>
      clusterObjects(server).get(ARGO, "Application", name, "argocd");
    try {
      await pump.until(async () => (await applicationOn(spokeServer)) !== undefined);

      const before = (await applicationOn(spokeServer)) as KubernetesObject;
      expect(before.metadata?.finalizers).toContain("resources-finalizer.argocd.argoproj.io");
      // An admin names the hub; the change wakes the cluster's bindings (nothing else enqueues).
      // The Application leaves the former Argo CD without its resources finalizer (nobody plays
      // that Argo CD here, so with it the Application would never go): a non-cascading delete
      // that leaves the running workload for the hub's Argo CD to adopt.
      const admin = await createTestUser(db, `hub-admin-${kind}`, { isAdmin: true });
      await callerFor(db, admin).cluster.update({
        name: own.name,
        apiUrl: own.apiUrl,
        argoCdNamespace: "argocd",
        hubCluster: hub.name,
      });
      await pump.until(
        async () =>
          (await applicationOn(hubServer)) !== undefined &&
          (await applicationOn(spokeServer)) === undefined,
      );
    } finally {
      await pump.stop();
    }
    const moved = (await applicationOn(hubServer)) as { spec?: unknown } | undefined;
    expect(moved?.spec).toMatchObject({ destination: { server: spokeServer.url } });
    const [deployment] = await db
      .select()
      .from(gitopsDeployments)
      .where(eq(gitopsDeployments.bindingId, binding.id));
    expect(deployment?.argoCdClusterId).toBe(hub.id);
  });
});
