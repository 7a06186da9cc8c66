import { and, eq } from "drizzle-orm";
import { deploymentTargetClaims, deploymentTargetClasses } from "@/db/schema";
import type { TCreateClaim } from "@/lib/validators/deployment-target";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { isForeignKeyViolation, isUniqueViolation } from "../db-errors";
import { fieldError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { lockSpaceForChange } from "../spaces/lock-space";

const nameTaken = (name: string) =>
  fieldError("name", `This space already has a claim named "${name}".`, "CONFLICT");
const noSuchClass = () =>
  fieldError("classId", "That class no longer exists. Choose another.", "NOT_FOUND");

/**
 * A space asks for a deployment target of a class. The claim starts Pending; the reconciler binds
 * it to an Available target of the class or provisions one.
 */
export async function createClaim(ctx: TSpaceContext, input: Omit<TCreateClaim, "space">) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const [targetClass] = await tx
        .select({ id: deploymentTargetClasses.id, name: deploymentTargetClasses.name })
        .from(deploymentTargetClasses)
        .where(eq(deploymentTargetClasses.id, input.classId));
      if (!targetClass) throw noSuchClass();
      const [existing] = await tx
        .select({ id: deploymentTargetClaims.id })
        .from(deploymentTargetClaims)
        .where(
          and(
            eq(deploymentTargetClaims.spaceId, ctx.space.id),
            eq(deploymentTargetClaims.name, input.name),
          ),
        );
      if (existing) throw nameTaken(input.name);
      const [claim] = await tx
        .insert(deploymentTargetClaims)
        .values({
          spaceId: ctx.space.id,
          name: input.name,
          classId: targetClass.id,
          createdBy: ctx.actor.id,
        })
        .returning();
      if (!claim) throw new Error("claim insert returned no row");
      await requestReconcile(tx, [reconcileKey("claim", claim.id)]);
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "deployment-target-claim.create",
        targetType: "deployment-target-claim",
        targetId: claim.name,
        after: { name: claim.name, class: targetClass.name },
      });
      return claim;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    // The class was deleted between our read and the insert.
    if (isForeignKeyViolation(error)) throw noSuchClass();
    throw error;
  }
}
