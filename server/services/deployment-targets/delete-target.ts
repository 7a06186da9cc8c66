import { eq, sql } from "drizzle-orm";
import { deploymentTargetClaims, deploymentTargets, spaces } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { AppError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { lockTarget } from "./lock-target";

/**
 * An admin deletes a target no claim holds (Available, Released, Failed, or Pending and not
 * provisioned for a claim). The row stays, marked for deletion, until the reconciler has removed
 * what Slipway made on the cluster.
 */
export async function deleteTarget(ctx: TServiceContext, input: { targetId: string }) {
  await ctx.db.transaction(async (tx) => {
    // Deleting twice is deleting once.
    const target = await lockTarget(tx, input.targetId, { deleting: true });
    if (target.deletionRequestedAt) return;
    const [claim] = await tx
      .select({ name: deploymentTargetClaims.name, space: spaces.name })
      .from(deploymentTargetClaims)
      .innerJoin(spaces, eq(spaces.id, deploymentTargetClaims.spaceId))
      .where(eq(deploymentTargetClaims.targetId, target.id));
    if (claim) {
      throw new AppError(
        "CONFLICT",
        `Target "${target.name}" is bound to claim "${claim.name}" of space ${claim.space}. It can be deleted once that claim is.`,
      );
    }
    await tx
      .update(deploymentTargets)
      .set({
        deletionRequestedAt: sql`now()`,
        generation: sql`${deploymentTargets.generation} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(deploymentTargets.id, target.id));
    await requestReconcile(tx, [reconcileKey("target", target.id)]);
    await recordAuditEvent(inTransaction(ctx, tx), {
      spaceId: null,
      action: "deployment-target.delete",
      targetType: "deployment-target",
      targetId: target.name,
      before: { namespace: target.namespace, phase: target.phase },
    });
  });
}
