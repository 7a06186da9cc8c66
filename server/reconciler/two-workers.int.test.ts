// Two reconcilers against one database and one cluster: only the lease holder works on the
// cluster, and when it dies without releasing its lease the other takes over after expiry — in
// one process (every database), and as a worker process killed outright (Postgres).
import { spawn, type ChildProcess } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { clusterLeases, environments } from "@/db/schema";
import { findCondition, isReady } from "@/lib/conditions";
import { testLogger } from "@/testing/callers";
import {
  createSpaceWith,
  eventually,
  insertEnvironment,
  registerTestCluster,
  startKubeTestServer,
  type KubeTestServer,
} from "@/testing/reconciler-fixtures";
import { createTestPostgresDatabase, testDatabaseKinds } from "@/testing/test-database";
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

// `npm run worker` as a real process against Postgres, killed with SIGKILL in the middle of work:
// it cannot release its cluster lease or finish its passes, and another worker takes the cluster
// over once the lease expires and brings every environment to Ready. Postgres only: a PGlite
// database belongs to one process.
const LEASE_SECONDS = 3;

describe.each(testDatabaseKinds().filter((kind) => kind === "postgres"))(
  "a worker process killed mid-run (%s)",
  () => {
    let url: string;
    let handle: DatabaseHandle;
    let server: KubeTestServer;
    let child: ChildProcess | undefined;
    let survivor: TRunningReconciler | undefined;

    beforeAll(async () => {
      url = await createTestPostgresDatabase();
      handle = openDatabase({ url });
      server = await startKubeTestServer();
    });
    afterAll(async () => {
      child?.kill("SIGKILL");
      await survivor?.stop();
      await server?.stop();
      await handle?.close();
    });

    /** `npm run worker`, with this test's database and a short lease. */
    const startWorkerProcess = () => {
      const worker = spawn(
        process.execPath,
        ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"],
        {
          env: {
            ...process.env,
            DATABASE_URL: url,
            SLIPWAY_CLUSTER_LEASE_SECONDS: String(LEASE_SECONDS),
            LOG_LEVEL: "warn",
          },
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      return worker;
    };

    const leaseHolder = async (clusterId: string) =>
      (
        await handle.db.select().from(clusterLeases).where(eq(clusterLeases.clusterId, clusterId))
      )[0]?.holder;
    const rows = (ids: string[]) =>
      handle.db
        .select()
        .from(environments)
        .then((all) => all.filter((row) => ids.includes(row.id)));
    const allReady = async (ids: string[]) => {
      const found = await rows(ids);
      const ready = found.filter((row) => isReady(row.status, row.generation));
      return ready.length === ids.length ? true : undefined;
    };

    it("leaves its lease to expire, and another worker takes over and finishes", async () => {
      const db = handle.db;
      const cluster = await registerTestCluster(db, server, "killed");
      const { space } = await createSpaceWith(db, "killed", { alice: "owner" });
      const create = (i: number) =>
        insertEnvironment(db, {
          spaceId: space.id,
          clusterId: cluster.id,
          name: `k${i}`,
          namespace: `killed-${i}`,
        });

      child = startWorkerProcess();
      const first = await Promise.all([1, 2].map(create));
      await eventually(() => allReady(first.map((e) => e.id)), "the worker process to converge");
      const holder = await leaseHolder(cluster.id);
      expect(holder).toContain(`-${child.pid}-`);

      // Slow the cluster so the worker is mid-pass on new environments, then kill it outright.
      server.faults.setLatency(200);
      const second = await Promise.all([3, 4, 5, 6, 7, 8, 9, 10].map(create));
      await eventually(async () => {
        const started = (await rows(second.map((e) => e.id))).some(
          (row) => findCondition(row.status, "Ready") !== undefined,
        );
        return started ? true : undefined;
      }, "the worker process to start on the new environments");
      child.kill("SIGKILL");
      await new Promise((resolve) => child!.once("exit", resolve));
      server.faults.setLatency(0);
      expect(await leaseHolder(cluster.id)).toBe(holder);
      // Made after the kill: only a worker that took the cluster over can do these.
      const third = await Promise.all([11, 12].map(create));

      survivor = await startReconciler({
        handle,
        workers: 2,
        holder: "survivor",
        log: testLogger,
        leaseDurationMs: LEASE_SECONDS * 1000,
        backoff: { baseMs: 50, capMs: 1000 },
      });
      await eventually(
        () => allReady([...first, ...second, ...third].map((e) => e.id)),
        "the survivor to finish every environment",
        60_000,
      );
      expect(await leaseHolder(cluster.id)).toBe("survivor");
    });
  },
);
