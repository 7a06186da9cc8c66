// Starts the reconcile loop in this process: a keyed work queue dispatching keys to the reconciler
// of their kind, cluster leases so one worker at a time works on a cluster, informers on the
// clusters this worker leased, NOTIFY wakeups and a periodic resync. Runs in the Next server
// process or as `npm run worker`; several may run against one Postgres.
import type { Logger } from "pino";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { clusters } from "@/db/schema";
import { ClusterClientPool } from "@/server/k8s/client-pool";
import { ARGO_APPLICATION_KIND, MANAGED_KINDS } from "@/server/k8s/managed-kinds";
import { loadClusterConnection } from "@/server/services/clusters/load-cluster-connection";
import {
  parseReconcileKey,
  type TReconcileKey,
  type TReconcileKind,
} from "@/server/services/reconcile/request-reconcile";
import type { TBackoffOptions } from "./backoff";
import type { Reconciler, TReconcileResult } from "./controller";
import { ClusterInformer } from "./informer";
import { LeaseKeeper } from "./lease-keeper";
import { defaultReconcilers } from "./reconcilers";
import { realScheduler, type TScheduler } from "./scheduler";
import { startWakeups } from "./wakeups";
import { WorkQueue, type TQueueOutcome } from "./work-queue";

export interface TReconcileObservation {
  phase: "start" | "end";
  key: string;
  clusterId: string | null;
  holder: string;
  result?: TReconcileResult["kind"];
}

export interface TStartReconcilerOptions {
  handle: DatabaseHandle;
  workers: number;
  /** This worker's name in cluster leases; unique per process. */
  holder: string;
  log: Logger;
  scheduler?: TScheduler;
  reconcilers?: Reconciler[];
  leaseDurationMs?: number;
  resyncEveryMs?: number;
  backoff?: TBackoffOptions;
  /** Watch leased clusters (default true). */
  informers?: boolean;
  /** Run on every resync tick (expiring environments). */
  onResync?: (handle: DatabaseHandle, now: Date) => Promise<unknown>;
  /** Tests: hear every pass begin and end. */
  observe?: (observation: TReconcileObservation) => void;
}

export interface TRunningReconciler {
  readonly holder: string;
  enqueue(key: string): void;
  /** Resolves when nothing is queued or running (scheduled retries do not count). */
  idle(): Promise<void>;
  /** Drains running passes and stops; `releaseLeases: false` leaves leases to expire (a crash). */
  stop(options?: { releaseLeases?: boolean }): Promise<void>;
}

export const DEFAULT_LEASE_MS = 15_000;
export const DEFAULT_RESYNC_MS = 5 * 60_000;

export async function startReconciler(
  options: TStartReconcilerOptions,
): Promise<TRunningReconciler> {
  const { handle, holder, log } = options;
  const db = handle.db;
  const scheduler = options.scheduler ?? realScheduler;
  const reconcilers = options.reconcilers ?? defaultReconcilers();
  const byKind = new Map<TReconcileKind, Reconciler>(reconcilers.map((r) => [r.kind, r]));
  const pool = new ClusterClientPool();
  const informers = new Map<string, ClusterInformer>();

  const handler = async (key: string): Promise<TQueueOutcome> => {
    const parsed = parseReconcileKey(key);
    const reconciler = parsed && byKind.get(parsed.kind);
    if (!parsed || !reconciler) return { kind: "done" };
    // The cluster this pass works on, once its lease is held; observers hear "start" then.
    let clusterId: string | null = null;
    let started = false;
    const begin = (id: string | null) => {
      clusterId = id;
      started = true;
      options.observe?.({ phase: "start", key, clusterId: id, holder });
    };
    // Another live worker holds the cluster: it heard the same NOTIFY and does this key.
    const hold = async (id: string) => {
      if (!(await leases.ensure(id, key))) return false;
      if (!started) begin(id);
      return true;
    };
    if (reconciler.clusterOf) {
      const id = await reconciler.clusterOf(db, parsed.id);
      if (id && !(await hold(id))) return { kind: "done" };
      if (!started) begin(id);
    }
    let result: TReconcileResult;
    try {
      result = await reconciler.reconcile(key as TReconcileKey, {
        db,
        log: log.child({ key }),
        id: parsed.id,
        holder,
        pool,
        now: () => new Date(scheduler.now()),
        retryAt: (minimumMs) => new Date(scheduler.now() + queue.retryDelay(key, minimumMs)),
        observed: (id, ownerKey) => informers.get(id)?.ownedBy(ownerKey) ?? null,
        expectApplied: (id, ownerKey, desired) => {
          const expectations = informers.get(id)?.expectations;
          if (desired) expectations?.expect(ownerKey, desired);
          else expectations?.forget(ownerKey);
        },
        holdCluster: hold,
        enqueue: (next) => queue.add(next),
      });
    } catch (error) {
      result = { kind: "error", error };
    }
    if (!started) begin(null);
    options.observe?.({ phase: "end", key, clusterId, holder, result: result.kind });
    if (result.kind !== "error") {
      if (clusterId) informers.get(clusterId)?.kick();
      return result;
    }
    log.debug({ key, err: result.error }, "reconcile failed; retrying with backoff");
    return { kind: "error", minimumMs: result.retryAfterMs };
  };

  const queue = new WorkQueue({
    workers: options.workers,
    handler,
    scheduler,
    backoff: options.backoff,
    onHandlerError: (key, error) => log.error({ key, err: error }, "reconcile handler threw"),
  });

  const startInformer = async (clusterId: string) => {
    if (options.informers === false || informers.has(clusterId)) return;
    // Applications are served only where Argo CD runs; elsewhere their list would fail forever.
    const [cluster] = await db
      .select({ argoCdNamespace: clusters.argoCdNamespace })
      .from(clusters)
      .where(eq(clusters.id, clusterId));
    // The lease may have been lost (or the informer started) while the row was read.
    if (informers.has(clusterId) || !leases.clusters.includes(clusterId)) return;
    const informer = new ClusterInformer({
      client: async () => pool.client(await loadClusterConnection(db, clusterId)),
      kinds: MANAGED_KINDS,
      statusKinds: cluster?.argoCdNamespace ? [ARGO_APPLICATION_KIND] : [],
      onOwnerChanged: (key) => queue.add(key),
      scheduler,
      log: log.child({ clusterId, module: "informer" }),
    });
    informers.set(clusterId, informer);
    informer.start();
  };
  const stopInformer = (clusterId: string) => {
    informers.get(clusterId)?.stop();
    informers.delete(clusterId);
  };

  const leases = new LeaseKeeper({
    db,
    holder,
    durationMs: options.leaseDurationMs ?? DEFAULT_LEASE_MS,
    scheduler,
    log,
    onAcquired: (clusterId, parked) => {
      void startInformer(clusterId).catch((error: unknown) =>
        log.warn({ err: error, clusterId }, "informer did not start"),
      );
      for (const key of parked) queue.add(key);
      // A takeover: the previous holder may have known of work this worker never heard of.
      void enqueueAll().catch((error: unknown) => log.warn({ err: error }, "enqueue failed"));
    },
    onLost: stopInformer,
  });
  leases.start();

  const enqueueAll = async () => {
    for (const reconciler of reconcilers) {
      for (const key of await reconciler.listKeys(db)) queue.add(key);
    }
  };
  const wakeups = await startWakeups({
    handle,
    scheduler,
    log,
    onKey: (key) => queue.add(key),
    onResync: async () => {
      await options.onResync?.(handle, new Date(scheduler.now()));
      await enqueueAll();
    },
    resyncEveryMs: options.resyncEveryMs ?? DEFAULT_RESYNC_MS,
  });
  log.info({ holder, workers: options.workers }, "reconciler started");

  return {
    holder,
    enqueue: (key) => queue.add(key),
    idle: () => queue.idle(),
    stop: async ({ releaseLeases = true } = {}) => {
      await wakeups.stop();
      for (const clusterId of [...informers.keys()]) stopInformer(clusterId);
      await queue.shutdown();
      await leases.stop(releaseLeases);
      pool.close();
      log.info({ holder }, "reconciler stopped");
    },
  };
}
