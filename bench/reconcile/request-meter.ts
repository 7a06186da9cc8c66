// Counts the API traffic of a phase. Against the test server the server's own counters answer
// (apiserver_request_total and TLS handshakes completed); against a real cluster, whose metrics
// the benchmark may not read, the client side counts every HTTPS request this process sends to
// the cluster's host (Node's http diagnostics channels) and every request that did not reuse a
// kept-alive socket (a new connection, hence a TLS handshake).
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { readFileSync } from "node:fs";
import type { ClientRequest } from "node:http";
import type { RequestMetrics } from "../../k8s-test-server/index";

export interface TMeterReading {
  requests: number;
  /** POST/PUT/PATCH/APPLY/DELETE: every server-side apply counts, unchanged or not. */
  writes: number;
  applies: number;
  /** New connections (TLS handshakes). */
  connections: number;
  /** Requests by "VERB resource" — only where the cluster counts (the test server). */
  byResource: Record<string, number>;
  /** CPU seconds used by this process (Slipway or the bare loop, and an in-process server). */
  cpuHere: number;
  /** CPU seconds used by the test server in its own process; null when it cannot be read. */
  cpuServer: number | null;
}

const cpuHere = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Another process's CPU seconds from /proc/<pid>/stat (utime + stime, fields 14 and 15, in clock
 * ticks of 1/100 s on Linux); null where there is no /proc.
 */
export function cpuOfProcess(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The summed CPU seconds of `pids`; null when there are none, or one cannot be read. */
function cpuOfProcesses(pids: readonly number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const seconds = cpuOfProcess(pid);
    if (seconds === null) return null;
    total += seconds;
  }
  return pids.length === 0 ? null : total;
}

export interface TRequestMeter {
  /** "server" when the cluster counts, "client" when this process does. */
  readonly source: "server" | "client";
  /** Totals since the meter started; subtract two readings for a phase. */
  read(): TMeterReading;
  close(): void;
}

export function serverMeter(metrics: RequestMetrics): TRequestMeter {
  return {
    source: "server",
    read: () => ({
      requests: metrics.count(),
      writes: metrics.writes(),
      applies: metrics.count({ verb: "APPLY" }),
      connections: metrics.connections().tls,
      byResource: requestsByResource(metrics),
      cpuHere: cpuHere(),
      cpuServer: null,
    }),
    close: () => undefined,
  };
}

function requestsByResource(metrics: RequestMetrics): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const r of metrics.snapshot()) {
    const key = `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ""}`;
    totals[key] = (totals[key] ?? 0) + r.count;
  }
  return totals;
}

const REQUEST_START = "http.client.request.start";

/**
 * `serverPids`: the processes serving the cluster on this machine, whose CPU is read and summed —
 * the test server's own process, or a local cluster's (kube-apiserver and etcd, named by
 * SLIPWAY_BENCH_SERVER_PIDS). None: the server's CPU is not known.
 */
export function clientMeter(apiUrl: string, serverPids: readonly number[] = []): TRequestMeter {
  const { hostname } = new URL(apiUrl);
  const totals = { requests: 0, writes: 0, applies: 0, connections: 0 };
  const onRequest = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (request.host !== hostname) return;
    totals.requests += 1;
    if (request.method !== "GET" && request.method !== "HEAD") totals.writes += 1;
    if (String(request.getHeader("content-type")).startsWith("application/apply-patch")) {
      totals.applies += 1;
    }
    // The channel fires once the agent has handed over a socket, marked reused or not; a request
    // queued behind a busy agent gets its socket later.
    const countNewConnection = () => {
      if (!request.reusedSocket) totals.connections += 1;
    };
    if (request.socket) countNewConnection();
    else request.once("socket", countNewConnection);
  };
  subscribe(REQUEST_START, onRequest);
  return {
    source: "client",
    read: () => ({
      ...totals,
      byResource: {},
      cpuHere: cpuHere(),
      cpuServer: cpuOfProcesses(serverPids),
    }),
    close: () => unsubscribe(REQUEST_START, onRequest),
  };
}

export function difference(after: TMeterReading, before: TMeterReading): TMeterReading {
  return {
    requests: after.requests - before.requests,
    writes: after.writes - before.writes,
    applies: after.applies - before.applies,
    connections: after.connections - before.connections,
    byResource: Object.fromEntries(
      Object.entries(after.byResource)
        .map(([key, count]): [string, number] => [key, count - (before.byResource[key] ?? 0)])
        .filter(([, count]) => count > 0),
    ),
    cpuHere: after.cpuHere - before.cpuHere,
    cpuServer:
      after.cpuServer === null || before.cpuServer === null
        ? null
        : after.cpuServer - before.cpuServer,
  };
}
