// The benchmark's knobs, from argv (`--sizes=10,100`) or the environment (BENCH_SIZES=10,100), so a
// quick run during development does not wait through 60 s of idle per size.
import { parseArgs } from "node:util";

export interface TBenchOptions {
  /** Environment counts, one run each. */
  sizes: number[];
  /** Seconds of idle after convergence during which API writes are counted (target 0). */
  idleSeconds: number;
  /** Changes committed one after another to time change → applied. */
  changes: number;
  /** Requests in flight in the bare server-side-apply loop (the issue asks for 16–32). */
  bareConcurrency: number;
  /** Reconcile workers on the Slipway side. */
  workers: number;
  /**
   * Whether Slipway's reconciler runs its watches (on, as `npm run worker` does). Off only to
   * measure what the watches cost: the server's serialising and this process's handling of every
   * event.
   */
  informers: boolean;
  /** A kubeconfig whose current context is benchmarked instead of the test server. */
  kubeconfig?: string;
  /**
   * With `kubeconfig`, the processes of that cluster when it runs on this machine (kube-apiserver,
   * etcd: SLIPWAY_BENCH_SERVER_PIDS=1234,1235), so its CPU is reported as the test server's is.
   */
  serverPids: number[];
  /**
   * Where the test server runs when no kubeconfig is given: in a process of its own (default, as a
   * real API server does) or in this one (its counters are then read directly).
   */
  server: "separate" | "in-process";
  databaseUrl?: string;
}

const numbers = (text: string, what: string): number[] =>
  text.split(",").map((part) => {
    const value = Number(part.trim());
    if (!Number.isInteger(value) || value < 1) throw new Error(`${what}: "${part}" is not a count`);
    return value;
  });

export function benchOptions(argv = process.argv.slice(2), env = process.env): TBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string" },
      idle: { type: "string" },
      changes: { type: "string" },
      concurrency: { type: "string" },
      workers: { type: "string" },
      server: { type: "string" },
      informers: { type: "string" },
    },
  });
  const one = (text: string | undefined, fallback: number, what: string) =>
    text === undefined || text === "" ? fallback : (numbers(text, what)[0] ?? fallback);
  const idle = values.idle ?? env.BENCH_IDLE_SECONDS;
  const server = values.server ?? env.BENCH_SERVER ?? "separate";
  if (server !== "separate" && server !== "in-process") {
    throw new Error(`server: "${server}" is neither "separate" nor "in-process"`);
  }
  const informers = values.informers ?? env.BENCH_INFORMERS ?? "on";
  if (informers !== "on" && informers !== "off") {
    throw new Error(`informers: "${informers}" is neither "on" nor "off"`);
  }
  return {
    sizes: numbers(values.sizes ?? env.BENCH_SIZES ?? "10,100,1000", "sizes"),
    // 0 is allowed here: skips the idle period.
    idleSeconds: idle === "0" ? 0 : one(idle, 60, "idle"),
    changes: one(values.changes ?? env.BENCH_CHANGES, 40, "changes"),
    bareConcurrency: one(values.concurrency ?? env.BENCH_CONCURRENCY, 24, "concurrency"),
    workers: one(values.workers ?? env.BENCH_WORKERS, 4, "workers"),
    informers: informers === "on",
    kubeconfig: env.SLIPWAY_BENCH_KUBECONFIG || undefined,
    serverPids: env.SLIPWAY_BENCH_SERVER_PIDS
      ? numbers(env.SLIPWAY_BENCH_SERVER_PIDS, "server pids")
      : [],
    server,
    databaseUrl: env.DATABASE_URL || undefined,
  };
}
