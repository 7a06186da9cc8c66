// Deployment targets in the running reconciler, as a developer uses them: a claim made through the
// router is provisioned and Bound; an environment on the claim waits for it, then runs in the
// target's namespace, which stays the target's (deleting the environment removes only its own
// objects); deleting the claim under a Delete reclaim policy removes the namespace.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clusterNamespaces,
  deploymentTargetClaims,
  deploymentTargets,
  environments,
  managedObjects,
} from "@/db/schema";
import { isReady } from "@/lib/conditions";
import { DEFAULT_QUOTA } from "@/lib/environment-defaults";
import { callerFor, createTestUser, testLogger } from "@/testing/callers";
import {
  clusterObjects,
  eventually,
  registerTestCluster,
  startKubeTestServer,
  type KubeTestServer,
} from "@/testing/reconciler-fixtures";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { startReconciler, type TRunningReconciler } from "./manager";

describe.each(testDatabaseKinds())("deployment targets in the reconciler (%s)", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  let reconciler: TRunningReconciler;

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
    await server?.stop();
  });

  /** Polls `probe` after the reconciler has done all it was asked to. */
  const settled = <T>(probe: () => Promise<T | undefined>, what: string) =>
    eventually(async () => {
      await reconciler.idle();
      return probe();
    }, what);

  /**
   * An admin's class on a freshly registered cluster (cordoned first when asked) and a developer's
   * space with a claim of it, made through the routers as people make them.
   */
  const claimOfNewClass = async (prefix: string, options: { cordoned?: boolean } = {}) => {
    const db = database().db;
    const admin = callerFor(
      db,
      await createTestUser(db, `${prefix}-admin-${kind}`, { isAdmin: true }),
    );
    const api = callerFor(db, await createTestUser(db, `${prefix}-dev-${kind}`));
    const cluster = await registerTestCluster(db, server, `${prefix}-${kind}`);
    const targetClass = await admin.deploymentTargetClass.create({
      name: `${prefix}-namespaces`,
      clusterId: cluster.id,
      reclaimPolicy: "Delete",
      quota: { pods: "10" },
    });
    if (options.cordoned) await admin.cluster.setCordoned({ name: cluster.name, cordoned: true });
    const space = prefix;
    await api.space.create({ name: space, displayName: prefix });
    const claim = await api.deploymentTargetClaim.create({
      space,
      name: "db",
      classId: targetClass.id,
    });
    const claimRow = async () =>
      (
        await db
          .select()
          .from(deploymentTargetClaims)
          .where(eq(deploymentTargetClaims.id, claim.id))
      )[0];
    return { db, admin, api, cluster, space, claim, claimRow };
  };

  it("provisions a claimed target, runs an environment in its namespace, and deletes it with the claim", async () => {
    const { db, api, cluster, space, claim: created, claimRow } = await claimOfNewClass("claims");

    const claim = await settled(async () => {
      const row = await claimRow();
      return row?.phase === "Bound" ? row : undefined;
    }, "the claim to be Bound");
    const [target] = await db
      .select()
      .from(deploymentTargets)
      .where(eq(deploymentTargets.id, claim.targetId!));
    expect(target).toMatchObject({ phase: "Bound", clusterId: cluster.id });
    const namespace = target!.namespace;
    const objects = clusterObjects(server);
    const ownerKind = async (apiVersion: string, k: string, name: string) =>
      (await objects.get(apiVersion, k, name, namespace))?.metadata?.labels?.[
        "slipway.dev/owner-kind"
      ];
    expect(await ownerKind("v1", "Namespace", namespace)).toBe("target");

    const env = await api.environment.create({
      space,
      name: "prod",
      displayName: "Prod",
      type: "run",
      claimId: created.id,
      quota: DEFAULT_QUOTA.run,
    });
    const load = async () =>
      (await db.select().from(environments).where(eq(environments.id, env.id)))[0];
    const ready = await settled(async () => {
      const row = await load();
      return row && isReady(row.status, row.generation) ? row : undefined;
    }, "the environment to be Ready");
    expect(ready).toMatchObject({ clusterId: cluster.id, namespace });
    // The target keeps its namespace and quota; the environment adds its own objects.
    expect(await ownerKind("v1", "ResourceQuota", "slipway-quota")).toBe("target");
    expect(await ownerKind("v1", "LimitRange", "slipway-limits")).toBe("environment");
    expect(await ownerKind("rbac.authorization.k8s.io/v1", "RoleBinding", "slipway-owners")).toBe(
      "environment",
    );

    await api.environment.delete({ space, environment: "prod", confirmName: "prod" });
    await settled(async () => ((await load()) ? undefined : true), "the environment row to go");
    expect(await objects.get("v1", "LimitRange", "slipway-limits", namespace)).toBeUndefined();
    expect(await ownerKind("v1", "Namespace", namespace)).toBe("target");
    expect(await ownerKind("v1", "ServiceAccount", "slipway-deployer")).toBe("target");

    await api.deploymentTargetClaim.delete({ space, name: "db" });
    await settled(
      async () => ((await objects.get("v1", "Namespace", namespace)) ? undefined : true),
      "the target's namespace to go",
    );
    expect(await claimRow()).toBeUndefined();
    expect(
      await db.select().from(deploymentTargets).where(eq(deploymentTargets.id, target!.id)),
    ).toEqual([]);
  });

  it("holds a claim Pending while its cluster is cordoned, and wakes its waiting environment once uncordoned", async () => {
    const { db, admin, api, cluster, space, claim, claimRow } = await claimOfNewClass("cordoned", {
      cordoned: true,
    });
    const env = await api.environment.create({
      space,
      name: "stage",
      displayName: "Stage",
      type: "stage",
      claimId: claim.id,
      quota: DEFAULT_QUOTA.stage,
    });
    const load = async () =>
      (await db.select().from(environments).where(eq(environments.id, env.id)))[0];
    // Both have been through a pass: the claim waits for the cluster, the environment for the claim.
    await settled(async () => {
      const [claim, row] = [await claimRow(), await load()];
      const waiting =
        claim?.phase === "Pending" &&
        claim.status.conditions.some((c) => c.reason === "ClusterCordoned") &&
        row?.status.conditions.some((c) => c.reason === "ClaimNotBound");
      return waiting ? true : undefined;
    }, "the claim and the environment to wait");

    await admin.cluster.setCordoned({ name: cluster.name, cordoned: false });
    // No resync runs in this test's time (every 5 minutes): uncordoning must wake the claim, and
    // the claim's binding must wake the environment that waited on it.
    const ready = await settled(async () => {
      const row = await load();
      return row && isReady(row.status, row.generation) ? row : undefined;
    }, "the environment to be Ready");
    expect((await claimRow())?.phase).toBe("Bound");
    expect(ready.clusterId).toBe(cluster.id);
  });

  it("stops showing an environment's objects as applied once its claim is Lost", async () => {
    const { db, api, space, claim, claimRow } = await claimOfNewClass("lost");
    await settled(
      async () => ((await claimRow())?.phase === "Bound" ? true : undefined),
      "the claim to be Bound",
    );
    const env = await api.environment.create({
      space,
      name: "dev",
      displayName: "Dev",
      type: "dev",
      claimId: claim.id,
      quota: DEFAULT_QUOTA.dev,
    });
    const load = async () =>
      (await db.select().from(environments).where(eq(environments.id, env.id)))[0];
    await settled(async () => {
      const row = await load();
      return row && isReady(row.status, row.generation) ? true : undefined;
    }, "the environment to be Ready");
    const objectsOf = () =>
      db
        .select({ health: managedObjects.health, message: managedObjects.message })
        .from(managedObjects)
        .where(eq(managedObjects.ownerKey, `environment/${env.id}`));
    expect((await objectsOf()).map((o) => o.health)).toContain("Applied");

    // What no Slipway path does to a bound target, done by hand: the target row is gone.
    const targetId = (await claimRow())!.targetId!;
    await db.delete(clusterNamespaces).where(eq(clusterNamespaces.ownerKey, `target/${targetId}`));
    await db.delete(deploymentTargets).where(eq(deploymentTargets.id, targetId));
    reconciler.enqueue(`claim/${claim.id}`);

    await settled(async () => {
      const row = await load();
      return row?.status.conditions.some((c) => c.reason === "ClaimLost") ? true : undefined;
    }, "the environment to stall on the lost claim");
    const objects = await objectsOf();
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      expect(object).toEqual({
        health: "Missing",
        message: expect.stringContaining("lost its deployment target") as unknown,
      });
    }
  });
});
