// What one worker holds: the clusters it leased (renewed on a timer, watched by its informers) and
// the keys it skipped because another worker holds their cluster. NOTIFY reaches every worker, so
// the holder does those keys; the skipped ones are parked here and run if this worker takes the
// lease over after the holder dies.
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { isForeignKeyViolation } from "@/server/services/db-errors";
import { acquireLease, releaseLeases } from "./lease";
import type { TScheduler, TTimer } from "./scheduler";

export interface TLeaseKeeperOptions {
  db: Db;
  holder: string;
  durationMs: number;
  /** How often held leases are renewed and parked clusters retried; a third of the duration by default. */
  renewEveryMs?: number;
  scheduler: TScheduler;
  log: Logger;
  onAcquired: (clusterId: string, parkedKeys: string[]) => void;
  onLost: (clusterId: string) => void;
}

export class LeaseKeeper {
  /** Cluster → local time until which this worker may act on it (a margin before expiry). */
  private readonly held = new Map<string, number>();
  private readonly parked = new Map<string, Set<string>>();
  private timer: TTimer | undefined;
  private stopped = false;

  constructor(private readonly options: TLeaseKeeperOptions) {}

  start(): void {
    this.schedule();
  }

  get clusters(): string[] {
    return [...this.held.keys()];
  }

  /** Whether this worker may work on `clusterId` now; when not, `key` is parked for a takeover. */
  async ensure(clusterId: string, key: string): Promise<boolean> {
    if ((this.held.get(clusterId) ?? 0) > this.options.scheduler.now()) return true;
    if (await this.tryAcquire(clusterId)) return true;
    let keys = this.parked.get(clusterId);
    if (!keys) this.parked.set(clusterId, (keys = new Set()));
    keys.add(key);
    return false;
  }

  /** Stops renewing; releases the leases unless `release` is false (a simulated crash in tests). */
  async stop(release = true): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    const clusters = this.clusters;
    this.held.clear();
    if (release) await releaseLeases(this.options.db, clusters, this.options.holder);
  }

  private async tryAcquire(clusterId: string): Promise<boolean> {
    const { db, holder, durationMs, scheduler } = this.options;
    const wasHeld = this.held.has(clusterId);
    const startedAt = scheduler.now();
    let acquired = false;
    try {
      acquired = await acquireLease(db, clusterId, { holder, durationMs });
    } catch (error) {
      // The cluster was deleted: nothing to hold, and its parked keys have no work left.
      if (isForeignKeyViolation(error)) {
        this.forget(clusterId);
        return false;
      }
      this.options.log.warn({ err: error, clusterId }, "could not take or renew a cluster lease");
    }
    if (this.stopped) return false;
    if (!acquired) {
      if (wasHeld) {
        this.held.delete(clusterId);
        this.options.log.warn({ clusterId }, "lost a cluster lease");
        this.options.onLost(clusterId);
      }
      return false;
    }
    // Act only until a third of the duration before expiry, measured from before the request.
    this.held.set(clusterId, startedAt + (durationMs * 2) / 3);
    if (!wasHeld) {
      const keys = [...(this.parked.get(clusterId) ?? [])];
      this.parked.delete(clusterId);
      this.options.log.info({ clusterId, holder }, "took a cluster lease");
      this.options.onAcquired(clusterId, keys);
    }
    return true;
  }

  private forget(clusterId: string): void {
    this.parked.delete(clusterId);
    if (this.held.delete(clusterId)) this.options.onLost(clusterId);
  }

  private schedule(): void {
    if (this.stopped) return;
    const every = this.options.renewEveryMs ?? this.options.durationMs / 3;
    this.timer = this.options.scheduler.after(every, () => {
      void this.tick().finally(() => this.schedule());
    });
  }

  private async tick(): Promise<void> {
    for (const clusterId of [...this.held.keys(), ...this.parked.keys()]) {
      await this.tryAcquire(clusterId);
    }
  }
}
