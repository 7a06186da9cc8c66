// Two reconcilers against one database and one cluster: only the lease holder works on the
// cluster, and when it dies without releasing its lease the other takes over after expiry.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterLeases, environments } from "@/db/schema";
import { isReady } from "@/lib/conditions";
import { testLogger } from "@/testing/callers";
import {
  createSpaceWith,
  eventually,
  insertEnvironment,
  registerTestCluster,
  startKubeTestServer,
  type KubeTestServer,
} from "@/testing/reconciler-fixtures";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { startReconciler, type TReconcileObservation, type TRunningReconciler } from "./manager";

describe.each(testDatabaseKinds())("two workers on %s", (kind) => {
  const database = useTestDatabase(kind);
  let server: KubeTestServer;
  const workers: TRunningReconciler[] = [];
  const observed: (TReconcileObservation & { at: number })[] = [];

  beforeAll(async () => {
    server = await startKubeTestServer();
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await server?.stop();
  });

  const start = async (holder: string) => {
    const worker = await startReconciler({
      handle: database(),
      workers: 2,
      holder,
      log: testLogger,
      // Short, so the takeover below does not keep the test waiting; nothing asserts on it.
      leaseDurationMs: 1500,
      backoff: { baseMs: 50, capMs: 1000 },
      observe: (o) => observed.push({ ...o, at: observed.length }),
    });
    workers.push(worker);
    return worker;
  };

  const allReady = async (ids: string[]) => {
    const rows = await database().db.select().from(environments);
    const ready = rows.filter((r) => ids.includes(r.id) && isReady(r.status, r.generation));
    return ready.length === ids.length ? true : undefined;
  };

  it("works on a cluster from one worker at a time, and takes over from a dead one", async () => {
    const db = database().db;
    const cluster = await registerTestCluster(db, server);
    const { space } = await createSpaceWith(db, "ledger", { alice: "owner" });
    const [a, b] = [await start("worker-a"), await start("worker-b")];
    const create = (i: number) =>
      insertEnvironment(db, {
        spaceId: space.id,
        clusterId: cluster.id,
        name: `e${i}`,
        namespace: `${kind}-ledger-${i}`,
      });

    const first = await Promise.all([1, 2, 3, 4].map(create));
    await eventually(() => allReady(first.map((e) => e.id)), "the first environments to be Ready");
    const holders = new Set(
      observed.filter((o) => o.clusterId === cluster.id).map((o) => o.holder),
    );
    expect(holders.size).toBe(1);
    const [lease] = await db
      .select()
      .from(clusterLeases)
      .where(eq(clusterLeases.clusterId, cluster.id));
    expect(holders).toEqual(new Set([lease!.holder]));

    // The holder dies mid-run: slow the cluster so work is still queued, then stop it without
    // releasing its lease (as a killed process would leave it).
    const [holder, survivor] = lease!.holder === "worker-a" ? [a, b] : [b, a];
    server.faults.setLatency(50);
    const mark = observed.length;
    const second = await Promise.all([5, 6, 7, 8, 9, 10].map(create));
    await eventually(
      () =>
        Promise.resolve(
          observed.slice(mark).some((o) => o.holder === holder.holder && o.phase === "end")
            ? true
            : undefined,
        ),
      "the holder to start on the new environments",
    );
    await holder.stop({ releaseLeases: false });
    workers.splice(workers.indexOf(holder), 1);
    server.faults.setLatency(0);

    await eventually(() => allReady(second.map((e) => e.id)), "the survivor to finish", 60_000);
    const [after] = await db
      .select()
      .from(clusterLeases)
      .where(eq(clusterLeases.clusterId, cluster.id));
    expect(after!.holder).toBe(survivor.holder);
    const survivorKeys = new Set(
      observed
        .slice(mark)
        .filter((o) => o.holder === survivor.holder && o.phase === "end")
        .map((o) => o.key),
    );
    expect(second.some((e) => survivorKeys.has(`environment/${e.id}`))).toBe(true);
    // While both lived, no pass of one overlapped a pass of the other on this cluster.
    let running: string | undefined;
    let depth = 0;
    for (const o of observed.filter((o) => o.clusterId === cluster.id)) {
      if (o.phase === "start") {
        if (depth > 0) expect(o.holder).toBe(running);
        running = o.holder;
        depth++;
      } else depth--;
    }
  });
});
