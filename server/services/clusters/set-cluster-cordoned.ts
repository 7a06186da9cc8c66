import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters, deploymentTargetClaims, deploymentTargetClasses } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { inTransaction, type TServiceContext } from "../context";
import { clusterView, type TClusterView } from "./cluster-row";
import { loadCluster } from "./load-cluster";

/**
 * Cordoned: no new environments or provisioned targets on it; existing ones keep reconciling.
 * Idempotent. Uncordoning wakes the claims that waited for it, rather than leaving them to the
 * periodic resync.
 */
export async function setClusterCordoned(
  ctx: TServiceContext,
  input: { name: string; cordoned: boolean },
): Promise<TClusterView> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    const before = await loadCluster(txCtx, input.name, { forUpdate: true });
    if (before.cordoned === input.cordoned) return clusterView(before);
    const [after] = await tx
      .update(clusters)
      .set({ cordoned: input.cordoned, updatedAt: sql`now()` })
      .where(eq(clusters.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    if (!after.cordoned) await wakeWaitingClaims(tx, after.id);
    await recordAuditEvent(txCtx, {
      spaceId: null,
      action: input.cordoned ? "cluster.cordon" : "cluster.uncordon",
      targetType: "cluster",
      targetId: after.name,
      before: { cordoned: before.cordoned },
      after: { cordoned: after.cordoned },
    });
    return clusterView(after);
  });
}

/** Pending claims with no target, of classes that provision on the cluster. */
async function wakeWaitingClaims(tx: Db, clusterId: string): Promise<void> {
  const waiting = await tx
    .select({ id: deploymentTargetClaims.id })
    .from(deploymentTargetClaims)
    .innerJoin(
      deploymentTargetClasses,
      eq(deploymentTargetClasses.id, deploymentTargetClaims.classId),
    )
    .where(
      and(
        eq(deploymentTargetClasses.clusterId, clusterId),
        eq(deploymentTargetClaims.phase, "Pending"),
        isNull(deploymentTargetClaims.targetId),
      ),
    );
  await requestReconcile(
    tx,
    waiting.map((claim) => reconcileKey("claim", claim.id)),
  );
}
