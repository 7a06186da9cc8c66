// How the reconcile loop performs as environments grow: for each N (10, 100, 1000 by default) it
// seeds N environments, starts the reconciler and times until all are Ready; counts API requests
// and new connections per environment; counts API writes during an idle period after convergence
// (target 0); times change committed → object applied (target p95 under 2 s); and applies the same
// objects with a bare keep-alive server-side-apply loop, printing Slipway's rate as a ratio of it
// (target ≥ 0.8).
//   npm run bench:reconcile                                  test server, PGlite, N = 10,100,1000
//   npm run bench:reconcile -- --sizes=10,100 --idle=5       a quick run
//   SLIPWAY_BENCH_KUBECONFIG=… npm run bench:reconcile       a real cluster (current context)
//   DATABASE_URL=postgres://… npm run bench:reconcile        a throwaway Postgres database
// Runs under the react-server condition so modules marked `server-only` load outside Next.
import { randomUUID } from "node:crypto";
import { buildEnvironmentObjects } from "../server/k8s/manifests/environment-objects";
import { openBenchDatabase } from "./lists/database";
import { bareApplyLoop } from "./reconcile/bare-apply-loop";
import { openBenchCluster } from "./reconcile/bench-cluster";
import { measureChangeLatency } from "./reconcile/change-latency";
import { environmentSpecs, manifestInputOf } from "./reconcile/environment-specs";
import { idleWindow } from "./reconcile/idle-window";
import { benchOptions, type TBenchOptions } from "./reconcile/options";
import { difference, type TMeterReading } from "./reconcile/request-meter";
import { runSlipway, SLIPWAY_SIDE } from "./reconcile/slipway-side";
import { percentile, printTable } from "./report";

const TARGET_RATIO = 0.8;
const TARGET_P95_MS = 2_000;

interface TSizeResult {
  n: number;
  objects: number;
  slipwaySeconds: number;
  slipway: TMeterReading;
  /** The Postgres backends' CPU seconds until Ready (null on PGlite). */
  postgresCpu: number | null;
  bareSeconds: number;
  bare: TMeterReading;
  idleWrites: number;
  lastIdleWrite: number | null;
  idleRequests: number;
  latencies: number[];
}

async function bareSide(options: TBenchOptions, n: number, round: number) {
  const cluster = await openBenchCluster(`n${n}-bare${round}`, options);
  try {
    const objects = environmentSpecs(n, cluster.namespacePrefix).flatMap((spec) =>
      buildEnvironmentObjects(manifestInputOf(spec, randomUUID())),
    );
    const before = cluster.meter.read();
    const seconds = await bareApplyLoop(cluster.connection, objects, options.bareConcurrency);
    console.log(`  bare loop (${round}): ${objects.length} objects in ${seconds.toFixed(2)} s`);
    return { seconds, objects: objects.length, traffic: difference(cluster.meter.read(), before) };
  } finally {
    await cluster.dispose();
  }
}

async function runSize(options: TBenchOptions, n: number): Promise<TSizeResult> {
  console.log(`\nN = ${n}`);
  // The bare loop runs before and after the Slipway side and the faster run is the yardstick, so
  // load from elsewhere on the machine during one of them does not flatter Slipway's ratio.
  const before = await bareSide(options, n, 1);
  const slipway = await slipwaySide(options, n);
  const after = await bareSide(options, n, 2);
  const bare = after.seconds < before.seconds ? after : before;
  return { n, objects: bare.objects, bareSeconds: bare.seconds, bare: bare.traffic, ...slipway };
}

async function slipwaySide(options: TBenchOptions, n: number) {
  const cluster = await openBenchCluster(`n${n}-slipway`, options);
  const database = await openBenchDatabase(options.databaseUrl);
  try {
    const specs = environmentSpecs(n, cluster.namespacePrefix);
    const run = await runSlipway({
      handle: database.handle,
      cluster,
      specs,
      workers: options.workers,
      informers: options.informers,
    });
    try {
      console.log(`  slipway: ${n} environments Ready in ${run.seconds.toFixed(2)} s`);
      if (Object.keys(run.traffic.byResource).length > 0) {
        console.log(`  slipway requests until Ready: ${JSON.stringify(run.traffic.byResource)}`);
      }
      const window = await idleWindow(cluster.meter, options.idleSeconds);
      const idle = window.traffic;
      const last = window.lastWriteSeconds;
      console.log(
        `  idle ${options.idleSeconds} s: ${idle.writes} writes, ${idle.requests} requests`,
        last === null ? "" : `(last write by +${last.toFixed(2)} s)`,
        Object.keys(idle.byResource).length > 0 ? JSON.stringify(idle.byResource) : "",
      );
      const latencies = await measureChangeLatency(
        database.handle.db,
        cluster.connection,
        run.environments,
        options.changes,
      );
      return {
        slipwaySeconds: run.seconds,
        slipway: run.traffic,
        postgresCpu: run.postgresCpu,
        idleWrites: idle.writes,
        lastIdleWrite: last,
        idleRequests: idle.requests,
        latencies,
      };
    } finally {
      await run.stop();
    }
  } finally {
    await database.dispose();
    await cluster.dispose();
  }
}

function report(options: TBenchOptions, results: TSizeResult[], meterSource: string) {
  const perEnv = (value: number, n: number) => (value / n).toFixed(2);
  const rate = (objects: number, seconds: number) => objects / seconds;
  console.log();
  printTable(
    [
      "N",
      "objects",
      "Ready in s",
      "objects/s",
      "bare objects/s",
      "ratio",
      "requests/env",
      "new conns/env",
      `idle writes (${options.idleSeconds} s)`,
      "last idle write s",
      "change p50 ms",
      "change p95 ms",
    ],
    results.map((r) => {
      const sorted = [...r.latencies].sort((a, b) => a - b);
      return [
        String(r.n),
        String(r.objects),
        r.slipwaySeconds.toFixed(2),
        rate(r.objects, r.slipwaySeconds).toFixed(0),
        rate(r.objects, r.bareSeconds).toFixed(0),
        (r.bareSeconds / r.slipwaySeconds).toFixed(2),
        perEnv(r.slipway.requests, r.n),
        perEnv(r.slipway.connections, r.n),
        String(r.idleWrites),
        r.lastIdleWrite === null ? "-" : `+${r.lastIdleWrite.toFixed(2)}`,
        percentile(sorted, 50).toFixed(0),
        percentile(sorted, 95).toFixed(0),
      ];
    }),
  );
  console.log();
  printTable(
    [
      "N",
      "bare requests",
      "bare new conns",
      "slipway requests",
      "of which applies",
      "slipway new conns",
      "idle requests",
    ],
    results.map((r) => [
      String(r.n),
      String(r.bare.requests),
      String(r.bare.connections),
      String(r.slipway.requests),
      String(r.slipway.applies),
      String(r.slipway.connections),
      String(r.idleRequests),
    ]),
  );
  const seconds = (value: number | null) => (value === null ? "-" : value.toFixed(2));
  console.log();
  printTable(
    [
      "N",
      "bare: CPU s here",
      "bare: server CPU s",
      "slipway: CPU s here",
      "slipway: server CPU s",
      "slipway: Postgres CPU s",
    ],
    results.map((r) => [
      String(r.n),
      seconds(r.bare.cpuHere),
      seconds(r.bare.cpuServer),
      seconds(r.slipway.cpuHere),
      seconds(r.slipway.cpuServer),
      seconds(r.postgresCpu),
    ]),
  );
  console.log(`\nrequests and connections counted by the ${meterSource}`);
  console.log(
    "CPU here: this process (the bare loop, or Slipway with an in-process database or server);",
  );
  console.log(
    "Postgres CPU: the backends serving the benchmark's database (a Postgres on this machine only)",
  );
  for (const r of results) {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const misses = [
      r.bareSeconds / r.slipwaySeconds < TARGET_RATIO ? `ratio under ${TARGET_RATIO}` : "",
      r.idleWrites > 0 ? "writes while idle" : "",
      percentile(sorted, 95) >= TARGET_P95_MS ? `change p95 not under ${TARGET_P95_MS} ms` : "",
    ].filter(Boolean);
    console.log(`N = ${r.n}: ${misses.length === 0 ? "every target met" : misses.join("; ")}`);
  }
}

async function main() {
  const options = benchOptions();
  console.log(
    `node ${process.version}; sizes ${options.sizes.join(", ")}; idle ${options.idleSeconds} s;`,
  );
  console.log(
    `${options.changes} changes timed; bare loop ${options.bareConcurrency} in flight; ${options.workers} reconcile workers${options.informers ? "" : "; informers OFF (measuring what watches cost)"}`,
  );
  console.log(
    `cluster: ${options.kubeconfig ? `SLIPWAY_BENCH_KUBECONFIG (${options.kubeconfig})${options.serverPids.length > 0 ? `, its CPU read from processes ${options.serverPids.join(", ")}` : ""}` : `Kubernetes API test server, a fresh one per phase, ${options.server === "separate" ? "in a process of its own" : "in this process"}`}`,
  );
  console.log(
    `database: ${options.databaseUrl ? "a throwaway Postgres database" : "PGlite in a temporary directory"}`,
  );
  console.log(`Slipway side: ${SLIPWAY_SIDE}`);
  const results: TSizeResult[] = [];
  for (const n of options.sizes) results.push(await runSize(options, n));
  report(
    options,
    results,
    options.kubeconfig || options.server === "separate"
      ? "client (this process's requests to the cluster)"
      : "test server",
  );
}

await main();
