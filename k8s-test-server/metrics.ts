// Mirrors apiserver_request_total: one counter per verb/group/version/resource/subresource/code,
// so tests can prove e.g. "an idle reconciler sends no writes" the same way one would with Prometheus.

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

const WRITE_VERBS = new Set(["POST", "PUT", "PATCH", "APPLY", "DELETE", "DELETECOLLECTION"]);

export class RequestMetrics {
  private readonly records = new Map<string, RequestRecord>();

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
