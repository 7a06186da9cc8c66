import { eq, sql } from "drizzle-orm";
import { deploymentTargetClasses } from "@/db/schema";
import type { TUpdateTargetClass } from "@/lib/validators/deployment-target";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { quotaOfInput } from "./class-quota";
import { loadClusterForClass } from "./load-cluster-for-class";
import { lockTargetClass } from "./lock-target-class";
import { targetClassAuditView } from "./target-class-audit-view";

/**
 * Changes a class's description, reclaim policy and quota. As with a StorageClass, what changes
 * applies to targets provisioned from now on, and the reclaim policy to claims deleted from now on.
 */
export async function updateTargetClass(ctx: TServiceContext, input: TUpdateTargetClass) {
  return ctx.db.transaction(async (tx) => {
    const before = await lockTargetClass(tx, input.classId);
    const cluster = await loadClusterForClass(tx, before.clusterId);
    const quota = quotaOfInput(input.quota, cluster.quotaCeilings, cluster.name);
    const [after] = await tx
      .update(deploymentTargetClasses)
      .set({
        description: input.description,
        reclaimPolicy: input.reclaimPolicy,
        parameters: { ...before.parameters, quota },
        updatedAt: sql`now()`,
      })
      .where(eq(deploymentTargetClasses.id, before.id))
      .returning();
    if (!after) throw new Error("class update returned no row");
    await recordAuditEvent(inTransaction(ctx, tx), {
      spaceId: null,
      action: "deployment-target-class.update",
      targetType: "deployment-target-class",
      targetId: after.name,
      before: targetClassAuditView(before, cluster.name),
      after: targetClassAuditView(after, cluster.name),
    });
    return after;
  });
}
