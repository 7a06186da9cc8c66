// Mirrors apiserver_request_total: one counter per verb/group/version/resource/subresource/code,
// so tests can prove e.g. "an idle reconciler sends no writes" the same way one would with Prometheus.
// Also counts new connections (accepted sockets, completed TLS handshakes), so tests can measure
// whether a client reuses connections — each new one costs a real cluster a TLS handshake.

export interface RequestRecord {
  /** apiserver verbs: GET, LIST, WATCH, POST, PUT, PATCH, APPLY, DELETE, DELETECOLLECTION, or "" for non-resource URLs. */
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  namespace: string;
  code: number;
  count: number;
}

export type RequestFilter = Partial<Omit<RequestRecord, "count">>;

export interface ConnectionCounts {
  /** TCP connections accepted. */
  tcp: number;
  /** TLS handshakes completed. */
  tls: number;
}

const WRITE_VERBS = new Set(["POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION"]);

export class RequestMetrics {
  private readonly records = new Map<string, RequestRecord>();
  private readonly connectionCounts: ConnectionCounts = { tcp: 0, tls: 0 };

  countConnection(kind: keyof ConnectionCounts): void {
    this.connectionCounts[kind]++;
  }

  /** New connections since start or the last reset(). */
  connections(): ConnectionCounts {
    return { ...this.connectionCounts };
  }

  record(r: Omit<RequestRecord, "count">): void {
    const key = `${r.verb}|${r.group}|${r.version}|${r.resource}|${r.subresource}|${r.namespace}|${r.code}`;
    const existing = this.records.get(key);
    if (existing) existing.count++;
    else this.records.set(key, { ...r, count: 1 });
  }

  /** A copy of every counter. */
  snapshot(): RequestRecord[] {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  /** Sum of counters matching every given field (verb is case-insensitive). */
  count(filter: RequestFilter = {}): number {
    let total = 0;
    for (const r of this.records.values()) if (matches(r, filter)) total += r.count;
    return total;
  }

  /** Mutating requests (create/update/patch/apply/delete), optionally narrowed. */
  writes(filter: Omit<RequestFilter, "verb"> = {}): number {
    let total = 0;
    for (const r of this.records.values())
      if (WRITE_VERBS.has(r.verb) && matches(r, filter)) total += r.count;
    return total;
  }

  reset(): void {
    this.records.clear();
    this.connectionCounts.tcp = 0;
    this.connectionCounts.tls = 0;
  }

  /** Prometheus text exposition, served at /metrics like a real apiserver. */
  toPrometheus(): string {
    const lines = [
      "# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, group, version, resource, subresource and HTTP response code.",
      "# TYPE apiserver_request_total counter",
    ];
    for (const r of this.records.values()) {
      lines.push(
        `apiserver_request_total{code="${r.code}",group="${r.group}",resource="${r.resource}",subresource="${r.subresource}",verb="${r.verb}",version="${r.version}"} ${r.count}`,
      );
    }
    lines.push(
      "# HELP apiserver_test_connections_total Connections the k8s test server accepted (tcp) and TLS handshakes it completed (tls).",
      "# TYPE apiserver_test_connections_total counter",
      `apiserver_test_connections_total{kind="tcp"} ${this.connectionCounts.tcp}`,
      `apiserver_test_connections_total{kind="tls"} ${this.connectionCounts.tls}`,
    );
    return lines.join("\n") + "\n";
  }
}

function matches(r: RequestRecord, f: RequestFilter): boolean {
  if (f.verb !== undefined && r.verb !== f.verb.toUpperCase()) return false;
  if (f.group !== undefined && r.group !== f.group) return false;
  if (f.version !== undefined && r.version !== f.version) return false;
  if (f.resource !== undefined && r.resource !== f.resource) return false;
  if (f.subresource !== undefined && r.subresource !== f.subresource) return false;
  if (f.namespace !== undefined && r.namespace !== f.namespace) return false;
  if (f.code !== undefined && r.code !== f.code) return false;
  return true;
}
