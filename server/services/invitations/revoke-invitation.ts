import { and, eq, sql } from "drizzle-orm";
import { spaceInvitations } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { AppError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";

/**
 * Revokes a pending invitation (an expired one too, to tidy the list). Takes the space lock first
 * and then the invitation's row, in the same order as accepting, so an accept and a revoke of one
 * invitation run one after the other and exactly one of them wins.
 */
export async function revokeInvitation(
  ctx: TSpaceContext,
  input: { invitationId: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    const [invitation] = await tx
      .select({
        email: spaceInvitations.email,
        role: spaceInvitations.role,
        status: spaceInvitations.status,
      })
      .from(spaceInvitations)
      .where(
        and(
          eq(spaceInvitations.id, input.invitationId),
          eq(spaceInvitations.spaceId, ctx.space.id),
        ),
      )
      .for("update");
    if (!invitation) throw new AppError("NOT_FOUND", "That invitation was not found.");
    if (invitation.status !== "pending") {
      throw new AppError(
        "BAD_REQUEST",
        `That invitation can no longer be revoked: it was already ${invitation.status}.`,
      );
    }
    await tx
      .update(spaceInvitations)
      .set({ status: "revoked", respondedAt: sql`now()` })
      .where(eq(spaceInvitations.id, input.invitationId));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "invitation.revoke",
      targetType: "invitation",
      targetId: invitation.email,
      before: { role: invitation.role, status: "pending" },
      after: { status: "revoked" },
    });
  });
}
