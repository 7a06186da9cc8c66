// Deployment targets end to end against the Kubernetes API test server: a claim is bound or a
// target provisioned (namespace, quota, ServiceAccount, RoleBinding, a working token), deleting a
// claim releases or deletes its target, a vanished target leaves its claim Lost, and a cluster
// that refuses makes the target Failed.
import { CoreV1Api } from "@kubernetes/client-node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeTestServer, type KubeTestServer } from "@/k8s-test-server/index";
import { clusterNamespaces, deploymentTargetClaims, deploymentTargets } from "@/db/schema";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { startReconcilePump } from "@/testing/reconcile-pump";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { openSecret } from "@/server/crypto/secret-box";
import { ClusterClientPool } from "@/server/k8s/client-pool";
import { RESOURCE_QUOTA_NAME } from "@/server/k8s/manifests/resource-quota";
import { DEPLOYER_SERVICE_ACCOUNT } from "@/server/k8s/manifests/target-objects";
import { targetReconcileDeps } from "./deployment-target-deps";
import { reconcileClaim } from "./reconcile-claim";
import { reconcileTarget, TOKEN_REFRESH_BEFORE_MS } from "./reconcile-target";

async function statusCodeOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

describe.each(testDatabaseKinds())("deployment target reconcile (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  let admin: TTestUser;
  let developer: TTestUser;
  let n = 0;
  const pool = new ClusterClientPool();

  beforeAll(async () => {
    server = await startKubeTestServer();
    admin = await createTestUser(database().db, "dt-admin", { isAdmin: true });
    developer = await createTestUser(database().db, "dt-dev");
  });
  afterAll(async () => {
    pool.close();
    await server.stop();
  });

  // As the reconciler does: the cluster's sealed credentials opened, a client from the pool.
  const depsFor = (now?: () => Date) => targetReconcileDeps(database().db, pool, now);

  /** The test server registered as a cluster, with the admin's token unless another is given. */
  async function arrange(reclaimPolicy: "Retain" | "Delete", token = server.adminToken) {
    n += 1;
    const db = database().db;
    const cluster = await insertTestCluster(db, `rc-cluster-${n}`, {
      apiUrl: server.url,
      plainCredentials: { kind: "token", token, caData: server.caPem },
      quotaCeilings: { pods: "50" },
    });
    const targetClass = await callerFor(db, admin).deploymentTargetClass.create({
      name: `rc-class-${n}`,
      clusterId: cluster.id,
      reclaimPolicy,
      quota: { pods: "10", limitsMemory: "4Gi" },
    });
    const space = `rc-space-${n}`;
    await callerFor(db, developer).space.create({ name: space, displayName: space });
    const deps = depsFor();
    const pump = await startReconcilePump(database(), {
      claim: (id) => reconcileClaim(deps, id),
      target: (id) => reconcileTarget(deps, id),
    });
    const claims = callerFor(db, developer).deploymentTargetClaim;
    return { db, cluster, targetClass, space, deps, pump, claims };
  }

  const claimRow = async (name: string) =>
    (
      await database()
        .db.select()
        .from(deploymentTargetClaims)
        .where(eq(deploymentTargetClaims.name, name))
    )[0];
  const targetRow = async (id: string) =>
    (await database().db.select().from(deploymentTargets).where(eq(deploymentTargets.id, id)))[0];
  const core = () => server.kubeConfig.makeApiClient(CoreV1Api);

  it("provisions a namespace with its quota, ServiceAccount and a working token, and binds the claim", async () => {
    const { pump, claims, space, targetClass } = await arrange("Delete");
    try {
      await claims.create({ space, name: "prod", classId: targetClass.id });
      await pump.until(async () => (await claimRow("prod"))?.phase === "Bound");
      const claim = (await claimRow("prod"))!;
      const target = (await targetRow(claim.targetId!))!;
      expect(target).toMatchObject({ provisioning: "dynamic", phase: "Bound" });
      expect(target.namespace).toMatch(new RegExp(`^${space}-prod-[0-9a-f]{5}$`));
      expect(target.credentials).toBeTruthy();
      expect(target.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now());
      expect(claim.status.conditions.find((c) => c.type === "Ready")).toMatchObject({
        status: "True",
        reason: "Bound",
      });
      const [owner] = await database()
        .db.select()
        .from(clusterNamespaces)
        .where(eq(clusterNamespaces.namespace, target.namespace));
      expect(owner?.ownerKey).toBe(`target/${target.id}`);

      const ns = target.namespace;
      const quota = await core().readNamespacedResourceQuota({
        name: RESOURCE_QUOTA_NAME,
        namespace: ns,
      });
      expect(quota.spec?.hard).toEqual({ pods: "10", "limits.memory": "4Gi" });
      await expect(
        core().readNamespacedServiceAccount({ name: DEPLOYER_SERVICE_ACCOUNT, namespace: ns }),
      ).resolves.toBeTruthy();
      const namespace = await core().readNamespace({ name: ns });
      expect(namespace.metadata?.labels?.["slipway.dev/owner-id"]).toBe(target.id);

      // The token is sealed (not stored as issued), and works in the namespace and only there.
      const token = openSecret(target.credentials!);
      expect(target.credentials).not.toContain(token);
      const asTarget = server.kubeConfigFor(token).makeApiClient(CoreV1Api);
      expect(await statusCodeOf(asTarget.listNamespacedConfigMap({ namespace: ns }))).toBe(200);
      expect(await statusCodeOf(asTarget.listNamespacedConfigMap({ namespace: "default" }))).toBe(
        403,
      );
    } finally {
      await pump.stop();
    }
  });

  it("binds an Available static target before provisioning a new one", async () => {
    const { pump, claims, space, targetClass, db } = await arrange("Delete");
    try {
      const registered = await callerFor(db, admin).deploymentTarget.register({
        classId: targetClass.id,
        name: `static-${n}`,
        namespace: `static-ns-${n}`,
      });
      await pump.until(async () => (await targetRow(registered.id))?.phase === "Available");
      await claims.create({ space, name: "uses-static", classId: targetClass.id });
      await pump.until(async () => (await claimRow("uses-static"))?.phase === "Bound");
      expect((await claimRow("uses-static"))?.targetId).toBe(registered.id);
      expect((await targetRow(registered.id))?.phase).toBe("Bound");
      const ofClass = await db
        .select()
        .from(deploymentTargets)
        .where(eq(deploymentTargets.classId, targetClass.id));
      expect(ofClass).toHaveLength(1);
    } finally {
      await pump.stop();
    }
  });

  it("deletes the target and its namespace with the claim when the class says Delete", async () => {
    const { pump, claims, space, targetClass } = await arrange("Delete");
    try {
      await claims.create({ space, name: "short-lived", classId: targetClass.id });
      await pump.until(async () => (await claimRow("short-lived"))?.phase === "Bound");
      const target = (await targetRow((await claimRow("short-lived"))!.targetId!))!;
      await claims.delete({ space, name: "short-lived" });
      await pump.until(async () => (await targetRow(target.id)) === undefined);
      expect(await statusCodeOf(core().readNamespace({ name: target.namespace }))).toBe(404);
      const owners = await database()
        .db.select()
        .from(clusterNamespaces)
        .where(eq(clusterNamespaces.ownerKey, `target/${target.id}`));
      expect(owners).toEqual([]);
    } finally {
      await pump.stop();
    }
  });

  it("releases the target and keeps its namespace when the class says Retain; it is bound again only once an admin offers it", async () => {
    const { pump, claims, space, targetClass } = await arrange("Retain");
    try {
      await claims.create({ space, name: "kept", classId: targetClass.id });
      await pump.until(async () => (await claimRow("kept"))?.phase === "Bound");
      const targetId = (await claimRow("kept"))!.targetId!;
      await claims.delete({ space, name: "kept" });
      await pump.until(async () => (await targetRow(targetId))?.phase === "Released");
      const released = (await targetRow(targetId))!;
      expect(await statusCodeOf(core().readNamespace({ name: released.namespace }))).toBe(200);

      await claims.create({ space, name: "kept-again", classId: targetClass.id });
      await pump.until(async () => (await claimRow("kept-again"))?.phase === "Bound");
      expect((await claimRow("kept-again"))?.targetId).not.toBe(targetId);
      expect((await targetRow(targetId))?.phase).toBe("Released");

      // An administrator offers it again: the next claim gets it, namespace and all.
      await callerFor(database().db, admin).deploymentTarget.makeAvailable({ targetId });
      await pump.until(async () => (await targetRow(targetId))?.phase === "Available");
      await claims.create({ space, name: "kept-third", classId: targetClass.id });
      await pump.until(async () => (await claimRow("kept-third"))?.phase === "Bound");
      expect((await claimRow("kept-third"))?.targetId).toBe(targetId);
    } finally {
      await pump.stop();
    }
  });

  it("marks the claim Lost when its target disappears", async () => {
    const { pump, claims, space, targetClass, db } = await arrange("Delete");
    try {
      await claims.create({ space, name: "orphan", classId: targetClass.id });
      await pump.until(async () => (await claimRow("orphan"))?.phase === "Bound");
      const claim = (await claimRow("orphan"))!;

      // What no Slipway path does to a bound target, done by hand: the row is gone.
      await db
        .delete(clusterNamespaces)
        .where(eq(clusterNamespaces.ownerKey, `target/${claim.targetId}`));
      await db.delete(deploymentTargets).where(eq(deploymentTargets.id, claim.targetId!));
      pump.enqueue(`claim/${claim.id}`);
      await pump.until(async () => (await claimRow("orphan"))?.phase === "Lost");
      expect((await claimRow("orphan"))?.status.conditions).toContainEqual(
        expect.objectContaining({ type: "Stalled", status: "True", reason: "TargetLost" }),
      );
    } finally {
      await pump.stop();
    }
  });

  it("fails the target, and stalls the claim, when the cluster refuses to make the namespace", async () => {
    const readOnly = server.issueToken({
      user: `reader-${n}`,
      rules: [{ verbs: ["get", "list", "watch"], apiGroups: ["*"], resources: ["*"] }],
    });
    const { pump, claims, space, targetClass } = await arrange("Delete", readOnly);
    try {
      await claims.create({ space, name: "refused", classId: targetClass.id });
      await pump.until(async () => {
        const claim = await claimRow("refused");
        return claim?.status.conditions.some((c) => c.reason === "ProvisioningFailed") ?? false;
      });
      const target = (await targetRow((await claimRow("refused"))!.targetId!))!;
      expect(target.phase).toBe("Failed");
      expect(target.status.lastError).toMatch(/Namespace/);
      expect((await claimRow("refused"))?.phase).toBe("Pending");
    } finally {
      await pump.stop();
    }
  });

  it("shows a failed apply as not Ready, retries it, and converges once the cluster answers", async () => {
    const { pump, claims, space, targetClass, deps } = await arrange("Delete");
    try {
      await claims.create({ space, name: "flaky", classId: targetClass.id });
      // Only the claim's pass: the target row exists, the cluster has not been asked yet.
      const claimId = (await claimRow("flaky"))!.id;
      await reconcileClaim(deps, claimId);
      const targetId = (await claimRow("flaky"))!.targetId!;
      const undo = server.faults.failRequests({ ratio: 1, status: 500, verbs: ["APPLY"] });
      const outcome = await reconcileTarget(deps, targetId);
      undo();
      expect(outcome.kind).toBe("error");
      const failing = (await targetRow(targetId))!;
      expect(failing.phase).toBe("Pending");
      expect(failing.status.conditions).toContainEqual(
        expect.objectContaining({ type: "Ready", status: "False", reason: "ApplyFailed" }),
      );
      pump.enqueue(`target/${targetId}`);
      await pump.until(async () => (await claimRow("flaky"))?.phase === "Bound");
      expect((await targetRow(targetId))?.status.lastError).toBeUndefined();
    } finally {
      await pump.stop();
    }
  });

  it("asks to come back before the token expires, and then renews it", async () => {
    const { pump, claims, space, targetClass } = await arrange("Delete");
    try {
      await claims.create({ space, name: "renewed", classId: targetClass.id });
      await pump.until(async () => (await claimRow("renewed"))?.phase === "Bound");
      const before = (await targetRow((await claimRow("renewed"))!.targetId!))!;
      const deps = depsFor();
      const outcome = await reconcileTarget(deps, before.id);
      const refreshAt = before.tokenExpiresAt!.getTime() - TOKEN_REFRESH_BEFORE_MS;
      if (outcome.kind !== "requeueAfter")
        throw new Error(`expected a requeue, got ${outcome.kind}`);
      expect(outcome.ms).toBeGreaterThan(0);
      expect(Date.now() + outcome.ms).toBeLessThanOrEqual(refreshAt + 1000);
      // An idle pass writes nothing to the row.
      expect((await targetRow(before.id))?.updatedAt).toEqual(before.updatedAt);
      // Unchanged until then: no new token.
      expect((await targetRow(before.id))?.credentials).toBe(before.credentials);

      const later = depsFor(() => new Date(refreshAt + 1000));
      await reconcileTarget(later, before.id);
      const after = (await targetRow(before.id))!;
      expect(after.credentials).not.toBe(before.credentials);
      expect(after.phase).toBe("Bound");
    } finally {
      await pump.stop();
    }
  });
});
