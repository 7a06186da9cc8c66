import { eq } from "drizzle-orm";
import { clusterUserSignIns } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { loadCluster } from "../clusters/load-cluster";
import { clusterSignInAuditView, clusterSignInView, type TClusterSignInView } from "./sign-in-row";

/** Back to "none": users act with the cluster's service credentials. Idempotent. */
export async function clearClusterSignIn(
  ctx: TServiceContext,
  input: { name: string },
): Promise<TClusterSignInView> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    const cluster = await loadCluster(txCtx, input.name, { forUpdate: true });
    const [before] = await tx
      .delete(clusterUserSignIns)
      .where(eq(clusterUserSignIns.clusterId, cluster.id))
      .returning();
    if (!before) return clusterSignInView(undefined);
    await recordAuditEvent(txCtx, {
      spaceId: null,
      action: "cluster.clear-user-sign-in",
      targetType: "cluster",
      targetId: cluster.name,
      before: clusterSignInAuditView(before),
      after: clusterSignInAuditView(undefined),
    });
    return clusterSignInView(undefined);
  });
}
