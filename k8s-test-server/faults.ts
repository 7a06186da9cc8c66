// Faults are deterministic (a request counter decides which requests fail, never Math.random),
// so a test asserting "the client retried" gets the same sequence on every run.

export interface FailureRule {
  /** Share of matching requests that fail, 0..1. Every request is failed at 1. */
  ratio: number;
  /**
   * 409 answers as an optimistic-concurrency conflict does (reason Conflict, "the object has been
   * modified"), the way a write racing another writer fails on a real server.
   */
  status: 500 | 429 | 503 | 409;
  /** Sent as Retry-After (seconds) and in Status.details.retryAfterSeconds. */
  retryAfterSeconds?: number;
  /** Only fail these apiserver verbs (e.g. ["APPLY","PUT"]); all verbs when omitted. */
  verbs?: string[];
  /** Only fail these resources (plural, e.g. "configmaps"). */
  resources?: string[];
  /** Stop after this many failures. */
  limit?: number;
}

interface ActiveRule extends FailureRule {
  seen: number;
  failed: number;
}

export interface FaultHooks {
  /** Closes the listener and drops open connections: clients see ECONNREFUSED until `acceptConnections`. */
  refuse(): Promise<void>;
  accept(): Promise<void>;
  dropWatches(abrupt: boolean): number;
  compactWatchHistory(): void;
  sendBookmarks(): void;
}

export class Faults {
  private latency = 0;
  private rules: ActiveRule[] = [];

  constructor(private readonly hooks: FaultHooks) {}

  /** Delay every request (except ones already streaming) by `ms`. */
  setLatency(ms: number): void {
    this.latency = Math.max(0, ms);
  }

  get latencyMs(): number {
    return this.latency;
  }

  /** Fail a deterministic share of matching requests. Returns a function removing the rule. */
  failRequests(rule: FailureRule): () => void {
    const active: ActiveRule = { ...rule, seen: 0, failed: 0 };
    this.rules.push(active);
    return () => {
      this.rules = this.rules.filter((r) => r !== active);
    };
  }

  /**
   * End every open watch stream. By default the stream is closed cleanly, as an apiserver does
   * when a watch times out or it shuts down gracefully (informers re-watch from their last
   * resourceVersion); `abrupt` resets the connection instead, as a crash or network fault would.
   */
  dropWatches(opts: { abrupt?: boolean } = {}): number {
    return this.hooks.dropWatches(opts.abrupt ?? false);
  }

  /** Forget the watch event history, so any watch resuming from an older resourceVersion gets 410 Expired. */
  expireWatchHistory(): void {
    this.hooks.compactWatchHistory();
  }

  /** Send a BOOKMARK now to every watch that asked for them (real servers do so about once a minute). */
  sendBookmarks(): void {
    this.hooks.sendBookmarks();
  }

  refuseConnections(): Promise<void> {
    return this.hooks.refuse();
  }

  acceptConnections(): Promise<void> {
    return this.hooks.accept();
  }

  /** Remove latency and failure rules (does not reopen a refused listener). */
  clear(): void {
    this.latency = 0;
    this.rules = [];
  }

  /** Decides whether this request fails; called once per resource request. */
  pickFailure(verb: string, resource: string): ActiveRule | undefined {
    for (const rule of this.rules) {
      if (rule.verbs && !rule.verbs.map((v) => v.toUpperCase()).includes(verb)) continue;
      if (rule.resources && !rule.resources.includes(resource)) continue;
      if (rule.limit !== undefined && rule.failed >= rule.limit) continue;
      const before = Math.floor(rule.seen * rule.ratio);
      rule.seen++;
      const after = Math.floor(rule.seen * rule.ratio);
      if (after > before) {
        rule.failed++;
        return rule;
      }
    }
    return undefined;
  }
}
