// What reconcileTarget and reconcileClaim need from their caller: the database, a pooled client
// for a cluster and a clock. The reconciler builds them from its context
// (`ctx.pool.client(await loadClusterConnection(ctx.db, id))`); tests hand them a test server's
// client directly and move the clock.
import type { Db } from "@/db/client";
import type { ClusterClientPool, TClusterClient } from "@/server/k8s/client-pool";
import { loadClusterConnection } from "@/server/services/clusters/load-cluster-connection";

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
