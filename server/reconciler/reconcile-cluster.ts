// cluster/<id>: the periodic connectivity check (version, Argo CD, permissions) and, on a hub, the
// Argo CD cluster Secrets of the clusters it deploys to, run by the worker holding the cluster's
// lease; and, once an admin asked for its deletion and nothing on it is left, deleting the row.
import { count, eq } from "drizzle-orm";
import { clusters, deploymentTargets, environments } from "@/db/schema";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import type { Reconciler, TReconcileContext, TReconcileResult } from "./controller";
import { applyHubClusterSecrets } from "./apply-hub-cluster-secrets";
import { finishPass } from "./pass-outcome";
import { checkCluster } from "@/server/services/clusters/check-cluster";

export const CLUSTER_CHECK_EVERY_MS = 60_000;

export async function reconcileCluster(ctx: TReconcileContext): Promise<TReconcileResult> {
  const [cluster] = await ctx.db.select().from(clusters).where(eq(clusters.id, ctx.id));
  if (!cluster) return { kind: "done" };
  if (cluster.deletionRequestedAt) {
    const [envs] = await ctx.db
      .select({ n: count() })
      .from(environments)
      .where(eq(environments.clusterId, cluster.id));
    const [targets] = await ctx.db
      .select({ n: count() })
      .from(deploymentTargets)
      .where(eq(deploymentTargets.clusterId, cluster.id));
    // A hub goes after the clusters its Argo CD deploys to stop naming it (the key restricts).
    const [spokes] = await ctx.db
      .select({ n: count() })
      .from(clusters)
      .where(eq(clusters.hubClusterId, cluster.id));
    const left = Number(envs?.n ?? 0) + Number(targets?.n ?? 0) + Number(spokes?.n ?? 0);
    if (left === 0) {
      // Leases, namespaces and managed objects of the cluster go with it (on delete cascade).
      await ctx.db.delete(clusters).where(eq(clusters.id, cluster.id));
      ctx.pool.evict(cluster.id);
      return { kind: "done" };
    }
    return finishPass(
      ctx,
      { kind: "cluster", id: cluster.id, generation: cluster.generation, status: cluster.status },
      {
        kind: "progressing",
        reason: "Deleting",
        message: `waiting for ${left} environments, targets and clusters using it as hub to go`,
      },
      { kind: "requeueAfter", ms: 5_000 },
    );
  }
  await checkCluster(ctx.db, cluster.id, ctx.pool);
  try {
    const failure = await applyHubClusterSecrets(ctx, cluster);
    if (failure) ctx.log.warn({ cluster: cluster.name }, failure);
  } catch (error) {
    // Unreachable now: the next check (and its probe status) tries again.
    ctx.log.warn({ err: error, cluster: cluster.name }, "hub cluster Secrets not applied");
  }
  return { kind: "requeueAfter", ms: CLUSTER_CHECK_EVERY_MS };
}

export const clusterReconciler: Reconciler = {
  kind: "cluster",
  reconcile: (_key, ctx) => reconcileCluster(ctx),
  listKeys: async (db) =>
    (await db.select({ id: clusters.id }).from(clusters)).map((r) => reconcileKey("cluster", r.id)),
  clusterOf: (_db, id) => Promise.resolve(id),
};
