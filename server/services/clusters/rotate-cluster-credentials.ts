import { eq, sql } from "drizzle-orm";
import { clusters } from "@/db/schema";
import type { TRotateClusterCredentials } from "@/lib/validators/cluster";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { checkCluster } from "./check-cluster";
import { resolveCredentials, sealCredentials } from "./cluster-credentials";
import { clusterAuditView, clusterView, type TClusterView } from "./cluster-row";
import { loadCluster } from "./load-cluster";

/**
 * Replaces a cluster's credentials (a kubeconfig context may also move its API URL and TLS
 * setting), bumps the generation so pooled clients are rebuilt, and checks the new ones at once.
 */
export async function rotateClusterCredentials(
  ctx: TServiceContext,
  input: TRotateClusterCredentials,
): Promise<TClusterView> {
  const resolved = resolveCredentials(input.credentials);
  const id = await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    const before = await loadCluster(txCtx, input.name, { forUpdate: true });
    const [after] = await tx
      .update(clusters)
      .set({
        ...sealCredentials(resolved.credentials),
        apiUrl: resolved.apiUrl ?? before.apiUrl,
        insecureSkipTlsVerify: resolved.insecureSkipTlsVerify ?? before.insecureSkipTlsVerify,
        credentialsRotatedAt: sql`now()`,
        generation: sql`${clusters.generation} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(clusters.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAuditEvent(txCtx, {
      spaceId: null,
      action: "cluster.rotate-credentials",
      targetType: "cluster",
      targetId: after.name,
      before: clusterAuditView(before),
      after: clusterAuditView(after),
    });
    await requestReconcile(tx, [reconcileKey("cluster", after.id)]);
    return after.id;
  });
  await checkCluster(ctx.db, id);
  return clusterView(await loadCluster(ctx, input.name));
}
