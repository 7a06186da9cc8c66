// What reconcileTarget and reconcileClaim need from their caller: the database, a pooled client
// for a cluster and a clock. The reconciler builds them from its context
// (`ctx.pool.client(await loadClusterConnection(ctx.db, id))`); tests hand them a test server's
// client directly and move the clock.
import type { Db } from "@/db/client";
import type { ClusterClientPool, TClusterClient } from "@/server/k8s/client-pool";
import { loadClusterConnection } from "@/server/services/clusters/load-cluster-connection";

/**
 * What a pass asks of the work queue, the same shape as the reconciler's result. Done until
 * something changes; come back after `ms` (a namespace terminating, a token to renew); or failed,
 * retried with backoff (not before `retryAfterMs` when the cluster said so). An error thrown (a
 * cluster that cannot be reached) is a failure.
 */
export type TReconcileOutcome =
  | { kind: "done" }
  | { kind: "requeueAfter"; ms: number }
  | { kind: "error"; error: unknown; retryAfterMs?: number };

export const DONE: TReconcileOutcome = { kind: "done" };

export interface TTargetReconcileDeps {
  db: Db;
  /** A pooled client for the cluster; throws when the cluster row or its credentials are gone. */
  clientFor: (clusterId: string) => Promise<TClusterClient>;
  now: () => Date;
}

/** The dependencies the reconciler hands these functions: clients from its pool, real time. */
export function targetReconcileDeps(
  db: Db,
  pool: ClusterClientPool,
  now: () => Date = () => new Date(),
): TTargetReconcileDeps {
  return {
    db,
    clientFor: async (clusterId) => pool.client(await loadClusterConnection(db, clusterId)),
    now,
  };
}
