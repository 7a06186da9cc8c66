import { eq, sql } from "drizzle-orm";
import { deploymentTargets } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { AppError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { lockTarget } from "./lock-target";

/**
 * An admin offers a Released target to claims again (reclaim policy Retain: "released so it can be
 * bound to another claim later"). As with a Released PersistentVolume, Slipway never does this by
 * itself: the namespace may still hold the previous claim's data, and only a person can say it
 * may be handed on.
 */
export async function makeTargetAvailable(ctx: TServiceContext, input: { targetId: string }) {
  await ctx.db.transaction(async (tx) => {
    const target = await lockTarget(tx, input.targetId);
    if (target.phase !== "Released") {
      throw new AppError(
        "CONFLICT",
        `Target "${target.name}" is ${target.phase}; only a Released target can be offered again.`,
      );
    }
    await tx
      .update(deploymentTargets)
      .set({ phase: "Available", updatedAt: sql`now()` })
      .where(eq(deploymentTargets.id, target.id));
    await requestReconcile(tx, [reconcileKey("target", target.id)]);
    await recordAuditEvent(inTransaction(ctx, tx), {
      spaceId: null,
      action: "deployment-target.make-available",
      targetType: "deployment-target",
      targetId: target.name,
      before: { phase: "Released" },
      after: { phase: "Available" },
    });
  });
}
