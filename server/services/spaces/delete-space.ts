import { count, eq } from "drizzle-orm";
import { deploymentTargetClaims, environments, spaces } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { AppError, fieldError } from "../errors";
import { lockSpaceForChange } from "./lock-space";
import { spaceAuditView } from "./space-audit-view";

/**
 * Environments and claims hold namespaces on clusters; the space goes only after they are gone
 * (the foreign keys restrict too, but would say it as a server error).
 */
async function assertNothingOnClusters(tx: TSpaceContext["db"], spaceId: string): Promise<void> {
  const [[envs], [claims]] = await Promise.all([
    tx.select({ n: count() }).from(environments).where(eq(environments.spaceId, spaceId)),
    tx
      .select({ n: count() })
      .from(deploymentTargetClaims)
      .where(eq(deploymentTargetClaims.spaceId, spaceId)),
  ]);
  const environmentCount = Number(envs?.n ?? 0);
  const claimCount = Number(claims?.n ?? 0);
  if (environmentCount === 0 && claimCount === 0) return;
  const held = [
    environmentCount > 0
      ? `${environmentCount} environment${environmentCount === 1 ? "" : "s"}`
      : "",
    claimCount > 0 ? `${claimCount} deployment target claim${claimCount === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  throw new AppError(
    "BAD_REQUEST",
    `This space still has ${held.join(" and ")}. Delete them first (environments being deleted go once their cluster confirms), then delete the space.`,
  );
}

/** Deletes the space and its memberships. The audit trail stays (audit rows keep the space id). */
export async function deleteSpace(
  ctx: TSpaceContext,
  input: { confirmName: string },
): Promise<void> {
  if (input.confirmName !== ctx.space.name) {
    throw fieldError("confirmName", `Type "${ctx.space.name}" exactly to confirm deletion.`);
  }
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    await assertNothingOnClusters(tx, ctx.space.id);
    await tx.delete(spaces).where(eq(spaces.id, ctx.space.id));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "space.delete",
      targetType: "space",
      targetId: ctx.space.name,
      before: spaceAuditView(ctx.space),
    });
  });
}
