// The Slipway side of the benchmark: (a) seed N environments as the UI would have made them,
// (b) start the reconcile loop and time until every environment is Ready for its generation.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import pino from "pino";
import type { DatabaseHandle } from "../../db/client";
import { environments } from "../../db/schema";
import { startReconciler } from "../../server/reconciler/manager";
import type { TBenchCluster } from "./bench-cluster";
import type { TEnvironmentSpec } from "./environment-specs";
import { backendCpuBetween, readBackendCpu } from "./postgres-cpu";
import { difference, type TMeterReading } from "./request-meter";
import { seedEnvironments, type TSeededEnvironment } from "./seed";

export const SLIPWAY_SIDE =
  "startReconciler (server/reconciler/manager.ts) with its default lease, resync, informers";

export interface TSlipwayRun {
  seconds: number;
  traffic: TMeterReading;
  /** CPU seconds of the Postgres backends serving the run (null on PGlite: counted in cpuHere). */
  postgresCpu: number | null;
  clusterId: string;
  environments: TSeededEnvironment[];
  stop(): Promise<void>;
}

export async function runSlipway(input: {
  handle: DatabaseHandle;
  cluster: TBenchCluster;
  specs: TEnvironmentSpec[];
  workers: number;
  informers: boolean;
}): Promise<TSlipwayRun> {
  const { handle, cluster, specs } = input;
  const seeded = await seedEnvironments(handle.db, cluster.connection, cluster.emulated, specs);
  const before = cluster.meter.read();
  const postgresBefore = await readBackendCpu(handle);
  const start = performance.now();
  // The reconciler as `npm run worker` starts it: default lease duration, default resync interval
  // (5 min), informers on — nothing shortened, so the idle and change phases see the real thing.
  const reconciler = await startReconciler({
    handle,
    workers: input.workers,
    holder: "bench",
    informers: input.informers,
    log: pino({ level: "warn" }),
  });
  try {
    await untilAllReady(handle, specs.length, Math.max(120_000, specs.length * 1_000));
  } catch (error) {
    await reconciler.stop();
    throw error;
  }
  const seconds = (performance.now() - start) / 1000;
  const traffic = difference(cluster.meter.read(), before);
  return {
    seconds,
    traffic,
    postgresCpu: backendCpuBetween(await readBackendCpu(handle), postgresBefore),
    clusterId: seeded.clusterId,
    environments: seeded.environments,
    stop: () => reconciler.stop(),
  };
}

/** Environments whose Ready condition is True for their current generation (as isReady). */
export async function readyCount(handle: DatabaseHandle): Promise<number> {
  const [row] = await handle.db
    .select({ ready: sql<number>`count(*)::int` })
    .from(environments)
    .where(
      sql`exists (select 1 from jsonb_array_elements(${environments.status} -> 'conditions') c
                  where c ->> 'type' = 'Ready' and c ->> 'status' = 'True'
                    and (c ->> 'observedGeneration')::int = ${environments.generation})`,
    );
  return row?.ready ?? 0;
}

async function untilAllReady(handle: DatabaseHandle, total: number, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  let ready = 0;
  while (performance.now() < deadline) {
    ready = await readyCount(handle);
    if (ready === total) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`only ${ready} of ${total} environments were Ready after ${timeoutMs / 1000} s`);
}
