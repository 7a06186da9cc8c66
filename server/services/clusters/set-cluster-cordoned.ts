import { eq, sql } from "drizzle-orm";
import { clusters } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { clusterView, type TClusterView } from "./cluster-row";
import { loadCluster } from "./load-cluster";

/** Cordoned: no new environments on it; existing ones keep reconciling. Idempotent. */
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
