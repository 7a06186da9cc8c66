// A keyed work queue in the manner of client-go's workqueue: a key waiting to run is held once no
// matter how often it is added (coalescing), a key never runs twice at once (one added while
// running is run once more afterwards), N keys run in parallel, failures back off per key with
// jitter and a success forgets them, and addAfter schedules a later run.
import { DEFAULT_BACKOFF, KeyBackoff, type TBackoffOptions } from "./backoff";
import { realScheduler, type TScheduler, type TTimer } from "./scheduler";

export type TQueueOutcome =
  | { kind: "done" }
  | { kind: "requeueAfter"; ms: number }
  /** Retry with backoff; never sooner than `minimumMs` (a 429's Retry-After). */
  | { kind: "error"; minimumMs?: number };

export type TQueueHandler = (key: string) => Promise<TQueueOutcome>;

export interface TWorkQueueOptions {
  workers: number;
  handler: TQueueHandler;
  scheduler?: TScheduler;
  backoff?: TBackoffOptions;
  /** Told when the handler throws (it should return an outcome instead); the key is retried. */
  onHandlerError?: (key: string, error: unknown) => void;
}

export class WorkQueue {
  private readonly ready: string[] = [];
  /** Keys waiting to run: in `ready`, or re-added while running. */
  private readonly dirty = new Set<string>();
  private readonly running = new Set<string>();
  private readonly delayed = new Map<string, { at: number; timer: TTimer }>();
  /** The retry delay already promised for a running key (status shows it as nextRetryAt). */
  private readonly plannedDelay = new Map<string, number>();
  private readonly backoff: KeyBackoff;
  private readonly scheduler: TScheduler;
  private idleWaiters: (() => void)[] = [];
  private shuttingDown = false;

  constructor(private readonly options: TWorkQueueOptions) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.backoff = new KeyBackoff(options.backoff ?? DEFAULT_BACKOFF);
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    // A running key is put back when its run ends, so it never runs twice at once.
    if (!this.running.has(key)) this.ready.push(key);
    this.pump();
  }

  /** Adds `key` after `ms`; an earlier pending addAfter of the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const at = this.scheduler.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    pending?.timer.cancel();
    const timer = this.scheduler.after(ms, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, timer });
  }

  /**
   * The delay a failure of the running `key` will wait, fixed now so the status written before the
   * handler returns can say when the next retry is. Returning `error` then uses exactly this delay.
   */
  retryDelay(key: string, minimumMs = 0): number {
    const planned = this.plannedDelay.get(key) ?? this.backoff.next(key);
    const delay = Math.max(planned, minimumMs);
    this.plannedDelay.set(key, delay);
    return delay;
  }

  /** When `key` is next due by addAfter, if it is. */
  scheduledAt(key: string): number | undefined {
    return this.delayed.get(key)?.at;
  }

  get length(): number {
    return this.ready.length;
  }

  get activeCount(): number {
    return this.running.size;
  }

  /** Resolves when nothing is ready and nothing runs (scheduled retries do not count). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking keys, cancels scheduled ones and waits for running handlers to finish. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const { timer } of this.delayed.values()) timer.cancel();
    this.delayed.clear();
    this.ready.length = 0;
    this.dirty.clear();
    await this.idle();
  }

  private isIdle(): boolean {
    return this.ready.length === 0 && this.running.size === 0;
  }

  private pump(): void {
    while (this.running.size < this.options.workers && this.ready.length > 0) {
      const key = this.ready.shift()!;
      this.dirty.delete(key);
      this.running.add(key);
      void this.run(key);
    }
    if (this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async run(key: string): Promise<void> {
    let outcome: TQueueOutcome;
    try {
      outcome = await this.options.handler(key);
    } catch (error) {
      this.options.onHandlerError?.(key, error);
      outcome = { kind: "error" };
    }
    const planned = this.plannedDelay.get(key);
    this.plannedDelay.delete(key);
    this.running.delete(key);
    if (outcome.kind === "error") {
      const delay = Math.max(planned ?? this.backoff.next(key), outcome.minimumMs ?? 0);
      this.addAfter(key, delay);
    } else {
      this.backoff.forget(key);
      if (outcome.kind === "requeueAfter") this.addAfter(key, outcome.ms);
    }
    // Added while it ran: run it once more now.
    if (this.dirty.has(key) && !this.shuttingDown) this.ready.push(key);
    this.pump();
  }
}
