import { describe, expect, it } from "vitest";
import { callerFor, createTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { insertTestClass } from "@/testing/deployment-targets";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { deploymentTargetReconcilers } from "./deployment-target-reconcilers";
import { ClusterClientPool } from "@/server/k8s/client-pool";
import { targetReconcileDeps } from "./deployment-target-deps";

describe.each(testDatabaseKinds())("deployment target reconcilers (%s)", (kind) => {
  const database = useTestDatabase(kind);

  it("list every target and claim for resync, and lease a target's cluster and a claim's class's cluster", async () => {
    const db = database().db;
    // The claim's pass is database only: the pool is never asked for a client.
    const [target, claim] = deploymentTargetReconcilers((ctx) =>
      targetReconcileDeps(ctx.db, new ClusterClientPool(), ctx.now),
    );
    const admin = await createTestUser(db, "dtr-admin", { isAdmin: true });
    const cluster = await insertTestCluster(db, "dtr-cluster");
    const targetClass = await insertTestClass(db, "dtr-class", cluster.id);
    const registered = await callerFor(db, admin).deploymentTarget.register({
      classId: targetClass.id,
      name: "dtr-static",
      namespace: "dtr-static",
    });
    const space = await callerFor(db, admin).space.create({ name: "dtr", displayName: "DTR" });
    const created = await callerFor(db, admin).deploymentTargetClaim.create({
      space: space.name,
      name: "one",
      classId: targetClass.id,
    });
    expect(await target!.listKeys(db)).toEqual([`target/${registered.id}`]);
    expect(await claim!.listKeys(db)).toEqual([`claim/${created.id}`]);
    expect(await target!.clusterOf(db, registered.id)).toBe(cluster.id);
    // Binding may provision on the class's cluster: one worker at a time, under its lease.
    expect(await claim!.clusterOf(db, created.id)).toBe(cluster.id);

    // Through the adapter: the registered target is not Available yet, so one is provisioned.
    const ctx = { db, id: created.id, now: () => new Date() };
    expect(await claim!.reconcile(`claim/${created.id}`, ctx)).toEqual({ kind: "done" });
    const keys = await target!.listKeys(db);
    expect(keys).toHaveLength(2);
    expect(keys).toContain(`target/${registered.id}`);
  });
});
