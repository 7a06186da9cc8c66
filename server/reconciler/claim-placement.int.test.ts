// An environment placed through a deployment target claim: Stalled while the claim is Pending,
// then in the bound target's namespace, which stays the target's (deleting the environment removes
// only its own objects). The target here is made as the target reconciler makes one.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterNamespaces,
  deploymentTargetClaims,
  deploymentTargetClasses,
  deploymentTargets,
  environments,
} from "@/db/schema";
import { findCondition, isReady } from "@/lib/conditions";
import { applyObjects } from "@/server/k8s/apply";
import { ClusterClientPool } from "@/server/k8s/client-pool";
import { buildTargetObjects } from "@/server/k8s/manifests/target-objects";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import { testLogger } from "@/testing/callers";
import { insertTestEnvironment } from "@/testing/environments";
import { connectionTo } from "@/testing/kube-test-cluster";
import {
  clusterObjects,
  createSpaceWith,
  eventually,
  registerTestCluster,
  requestEnvironmentDeletion,
  startKubeTestServer,
  type KubeTestServer,
} from "@/testing/reconciler-fixtures";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { startReconciler, type TRunningReconciler } from "./manager";

describe.each(testDatabaseKinds())("environments on a deployment target claim (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  let reconciler: TRunningReconciler;
  const pool = new ClusterClientPool();

  beforeAll(async () => {
    server = await startKubeTestServer();
    reconciler = await startReconciler({
      handle: database(),
      workers: 2,
      holder: `claims-${kind}`,
      log: testLogger,
      backoff: { baseMs: 50, capMs: 1000 },
    });
  });
  afterAll(async () => {
    await reconciler?.stop();
    pool.close();
    await server?.stop();
  });

  const load = async (id: string) =>
    (await database().db.select().from(environments).where(eq(environments.id, id)))[0];

  it("waits for its claim, then runs in the bound target's namespace, which it leaves behind", async () => {
    const db = database().db;
    const cluster = await registerTestCluster(db, server);
    const { space } = await createSpaceWith(db, `claims-${kind}`, { alice: "owner" });
    const [targetClass] = await db
      .insert(deploymentTargetClasses)
      .values({ name: "namespaces", clusterId: cluster.id })
      .returning();
    const [claim] = await db
      .insert(deploymentTargetClaims)
      .values({ spaceId: space.id, name: "db", classId: targetClass!.id })
      .returning();
    const env = await db.transaction(async (tx) => {
      const row = await insertTestEnvironment(tx, {
        spaceId: space.id,
        name: "prod",
        clusterId: null,
        namespace: null,
        claimId: claim!.id,
      });
      await requestReconcile(tx, [reconcileKey("environment", row.id)]);
      return row;
    });

    const stalled = await eventually(async () => {
      const condition = findCondition((await load(env.id))?.status, "Stalled");
      return condition?.status === "True" ? condition : undefined;
    }, "Stalled while the claim is Pending");
    expect(stalled).toMatchObject({
      reason: "ClaimNotBound",
      message: "waiting for claim db to be bound",
    });

    // The target reconciler's part: a target with its namespace on the cluster, bound to the claim.
    const namespace = `target-${kind}-db`;
    const [target] = await db
      .insert(deploymentTargets)
      .values({
        name: `target-${kind}`,
        classId: targetClass!.id,
        clusterId: cluster.id,
        namespace,
        provisioning: "dynamic",
        phase: "Bound",
      })
      .returning();
    await db.insert(clusterNamespaces).values({
      clusterId: cluster.id,
      namespace,
      ownerKey: reconcileKey("target", target!.id),
    });
    const client = pool.client(connectionTo(server, cluster.id));
    const made = await applyObjects(
      client,
      buildTargetObjects({ targetId: target!.id, namespace, quota: { pods: "5" } }),
    );
    expect(made.map((r) => r.error)).toEqual(made.map(() => undefined));
    await db.transaction(async (tx) => {
      await tx
        .update(deploymentTargetClaims)
        .set({ targetId: target!.id, phase: "Bound" })
        .where(eq(deploymentTargetClaims.id, claim!.id));
      await requestReconcile(tx, [reconcileKey("environment", env.id)]);
    });

    const ready = await eventually(async () => {
      const row = await load(env.id);
      return row && isReady(row.status, row.generation) ? row : undefined;
    }, "Ready in the target's namespace");
    expect(ready).toMatchObject({ clusterId: cluster.id, namespace, generation: 2 });
    const objects = clusterObjects(server);
    const ownerKind = async (apiVersion: string, k: string, name: string) =>
      (await objects.get(apiVersion, k, name, namespace))?.metadata?.labels?.[
        "slipway.dev/owner-kind"
      ];
    // The target keeps its namespace and quota; the environment adds its own objects.
    expect(await ownerKind("v1", "Namespace", namespace)).toBe("target");
    expect(await ownerKind("v1", "ResourceQuota", "slipway-quota")).toBe("target");
    expect(await ownerKind("v1", "LimitRange", "slipway-limits")).toBe("environment");
    expect(await ownerKind("rbac.authorization.k8s.io/v1", "RoleBinding", "slipway-owners")).toBe(
      "environment",
    );

    await requestEnvironmentDeletion(db, env.id);
    await eventually(async () => ((await load(env.id)) ? undefined : true), "the row to go");
    expect(await objects.get("v1", "LimitRange", "slipway-limits", namespace)).toBeUndefined();
    expect(await ownerKind("v1", "Namespace", namespace)).toBe("target");
    expect(await ownerKind("v1", "ServiceAccount", "slipway-deployer")).toBe("target");
    expect(await ownerKind("v1", "ResourceQuota", "slipway-quota")).toBe("target");
  });
});
