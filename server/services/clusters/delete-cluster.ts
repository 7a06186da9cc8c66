import { and, eq, isNull, sql } from "drizzle-orm";
import { clusters, environments } from "@/db/schema";
import type { TDeleteCluster } from "@/lib/validators/cluster";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { AppError, fieldError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { clusterAuditView } from "./cluster-row";
import { clusterUsage } from "./cluster-usage";
import { loadCluster } from "./load-cluster";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Deletes a cluster nothing uses at once. One with environments is refused unless the admin chose
 * to delete them too: then the environments and the cluster are marked for deletion and the
 * reconciler removes the namespaces, the environment rows and finally the cluster row.
 * Deployment-target classes and targets always block: they are deleted on their own pages.
 */
export async function deleteCluster(
  ctx: TServiceContext,
  input: TDeleteCluster,
): Promise<{ deleted: boolean; environmentsToDelete: number }> {
  if (input.confirmName !== input.name)
    throw fieldError("confirmName", `Type "${input.name}" to confirm.`);
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    const row = await loadCluster(txCtx, input.name, { forUpdate: true });
    const usage = await clusterUsage(tx, row.id);
    const targets = usage.deploymentTargetClasses + usage.deploymentTargets;
    if (targets > 0)
      throw new AppError(
        "CONFLICT",
        `Cluster "${row.name}" is used by ${plural(usage.deploymentTargetClasses, "deployment-target class")} and ${plural(usage.deploymentTargets, "deployment target")}; delete them first.`,
      );
    const audit = {
      spaceId: null,
      targetType: "cluster",
      targetId: row.name,
      before: clusterAuditView(row),
    };
    if (usage.environments === 0) {
      await tx.delete(clusters).where(eq(clusters.id, row.id));
      await recordAuditEvent(txCtx, { ...audit, action: "cluster.delete" });
      return { deleted: true, environmentsToDelete: 0 };
    }
    if (!input.deleteEnvironments)
      throw new AppError(
        "CONFLICT",
        `Cluster "${row.name}" has ${plural(usage.environments, "environment")}. Delete them first, or choose to delete them with the cluster.`,
      );
    const marked = await tx
      .update(environments)
      .set({ deletionRequestedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(environments.clusterId, row.id), isNull(environments.deletionRequestedAt)))
      .returning({ id: environments.id });
    await tx
      .update(clusters)
      .set({
        deletionRequestedAt: sql`coalesce(${clusters.deletionRequestedAt}, now())`,
        cordoned: true,
      })
      .where(eq(clusters.id, row.id));
    await recordAuditEvent(txCtx, {
      ...audit,
      action: "cluster.delete-requested",
      after: { environments: usage.environments },
    });
    await requestReconcile(tx, [
      ...marked.map((e) => reconcileKey("environment", e.id)),
      reconcileKey("cluster", row.id),
    ]);
    return { deleted: false, environmentsToDelete: usage.environments };
  });
}
