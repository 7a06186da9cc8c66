import { and, eq } from "drizzle-orm";
import { deploymentTargetClaims, environments } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { isForeignKeyViolation } from "../db-errors";
import { AppError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { lockSpaceForChange } from "../spaces/lock-space";
import { claimNotFound } from "./find-claims";
import { reclaimTarget } from "./reclaim-target";

const inUse = (claim: string, environment: string) =>
  new AppError(
    "CONFLICT",
    `Claim "${claim}" is used by environment "${environment}". Delete that environment first.`,
  );

/**
 * Deletes a claim no environment uses. Its target is released (Retain: it keeps its namespace,
 * for an admin to reuse or delete) or deleted (Delete: the reconciler removes the namespace and
 * the row), as the class says, all in one transaction with the claim's removal.
 */
export async function deleteClaim(ctx: TSpaceContext, input: { name: string }) {
  try {
    await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const [claim] = await tx
        .select()
        .from(deploymentTargetClaims)
        .where(
          and(
            eq(deploymentTargetClaims.spaceId, ctx.space.id),
            eq(deploymentTargetClaims.name, input.name),
          ),
        )
        .for("update");
      if (!claim) throw claimNotFound(input.name);
      const [user] = await tx
        .select({ name: environments.name })
        .from(environments)
        .where(eq(environments.claimId, claim.id))
        .limit(1);
      if (user) throw inUse(claim.name, user.name);
      const outcome = claim.targetId ? await reclaimTarget(tx, claim.targetId) : null;
      await tx.delete(deploymentTargetClaims).where(eq(deploymentTargetClaims.id, claim.id));
      await requestReconcile(tx, [reconcileKey("claim", claim.id)]);
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "deployment-target-claim.delete",
        targetType: "deployment-target-claim",
        targetId: claim.name,
        before: { name: claim.name, phase: claim.phase, target: outcome?.target ?? null },
        after: outcome ? { target: outcome.target, reclaim: outcome.action } : undefined,
      });
    });
  } catch (error) {
    // An environment took the claim between our check and the delete.
    if (isForeignKeyViolation(error)) {
      throw new AppError(
        "CONFLICT",
        `Claim "${input.name}" was just taken by an environment. Delete that environment first.`,
      );
    }
    throw error;
  }
}
