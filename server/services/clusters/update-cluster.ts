import { eq, sql } from "drizzle-orm";
import { clusters } from "@/db/schema";
import type { TUpdateCluster } from "@/lib/validators/cluster";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { clusterAuditView, clusterView, type TClusterView } from "./cluster-row";
import { settingsColumns } from "./cluster-settings";
import { checkCluster } from "./check-cluster";
import { loadCluster } from "./load-cluster";
import { resolveHubCluster } from "./resolve-hub-cluster";
import { wakeClusterBindings } from "@/server/reconciler/wake-dependents";

/** Edits a cluster's settings (not its name or credentials); a save that changes nothing writes nothing. */
export async function updateCluster(
  ctx: TServiceContext,
  input: TUpdateCluster,
): Promise<TClusterView> {
  const changed = await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    const before = await loadCluster(txCtx, input.name, { forUpdate: true });
    const hubClusterId = await resolveHubCluster(txCtx, before, input.hubCluster);
    const next = { ...settingsColumns(input), apiUrl: input.apiUrl, hubClusterId };
    const beforeView = clusterAuditView(before);
    if (JSON.stringify(beforeView) === JSON.stringify(clusterAuditView({ ...before, ...next })))
      return null;
    const [after] = await tx
      .update(clusters)
      .set({ ...next, generation: sql`${clusters.generation} + 1`, updatedAt: sql`now()` })
      .where(eq(clusters.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAuditEvent(txCtx, {
      spaceId: null,
      action: "cluster.update",
      targetType: "cluster",
      targetId: after.name,
      before: beforeView,
      after: clusterAuditView(after),
    });
    // A hub's pass writes the Argo CD cluster Secret of each cluster it deploys to (new URL or
    // settings, gained or lost): the old and new hubs look again.
    const hubs = [before.hubClusterId, after.hubClusterId].filter((id) => id !== null);
    if (before.hubClusterId !== after.hubClusterId) await wakeClusterBindings(tx, after.id);
    await requestReconcile(tx, [
      reconcileKey("cluster", after.id),
      ...hubs.map((id) => reconcileKey("cluster", id)),
    ]);
    return after;
  });
  if (!changed) return clusterView(await loadCluster(ctx, input.name));
  await checkCluster(ctx.db, changed.id);
  return clusterView(await loadCluster(ctx, input.name));
}
