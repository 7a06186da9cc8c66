import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spaceInvitations, spaceMembers, spaces } from "@/db/schema";
import { formatDate } from "@/lib/format";
import { roleAtLeast, type TSpaceRole } from "@/lib/validators/space";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { spaceReconcileKeys } from "../environments/workspace-keys";
import { AppError } from "../errors";
import { requestReconcile } from "../reconcile/request-reconcile";
import { isExpired } from "./invitation-sql";
import { myInvitationEmail } from "./my-email";

// Missing, and addressed to someone else, read the same: an invitation id reveals nothing.
const notFound = () =>
  new AppError(
    "NOT_FOUND",
    "That invitation was not found. It may have been revoked, or it was sent to another email address.",
  );

const ANSWERED: Record<"accepted" | "declined" | "revoked", string> = {
  accepted: "You have already accepted this invitation.",
  declined:
    "You have already declined this invitation. Ask an owner of the space to invite you again.",
  revoked: "This invitation was revoked by an owner of the space.",
};

interface TOpenInvitation {
  id: string;
  spaceId: string;
  spaceName: string;
  email: string;
  role: TSpaceRole;
}

/**
 * Locks the space, then the invitation — the order creating and revoking use too, so concurrent
 * answers and revokes queue instead of deadlocking — and checks that it is still open and is
 * addressed to the signed-in person.
 */
async function lockOpenInvitation(
  tx: Db,
  ctx: TServiceContext,
  invitationId: string,
): Promise<TOpenInvitation> {
  const email = await myInvitationEmail(tx, ctx.actor.id);
  if (!email) throw notFound();
  const mine = and(eq(spaceInvitations.id, invitationId), eq(spaceInvitations.email, email));
  const [found] = await tx
    .select({ spaceId: spaceInvitations.spaceId })
    .from(spaceInvitations)
    .where(mine);
  if (!found) throw notFound();
  await tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, found.spaceId)).for("update");
  const [invitation] = await tx
    .select({
      id: spaceInvitations.id,
      spaceId: spaceInvitations.spaceId,
      spaceName: spaces.name,
      email: spaceInvitations.email,
      role: spaceInvitations.role,
      status: spaceInvitations.status,
      expired: isExpired,
      expiresAt: spaceInvitations.expiresAt,
    })
    .from(spaceInvitations)
    .innerJoin(spaces, eq(spaces.id, spaceInvitations.spaceId))
    .where(mine)
    .for("update", { of: spaceInvitations });
  // Gone since the first read: the space was deleted (cascading to its invitations).
  if (!invitation) throw notFound();
  if (invitation.status !== "pending")
    throw new AppError("BAD_REQUEST", ANSWERED[invitation.status]);
  if (invitation.expired) {
    throw new AppError(
      "BAD_REQUEST",
      `This invitation expired on ${formatDate(invitation.expiresAt)}. Ask an owner of the space to invite you again.`,
    );
  }
  return invitation;
}

async function markAnswered(tx: Db, id: string, status: "accepted" | "declined"): Promise<void> {
  await tx
    .update(spaceInvitations)
    .set({ status, respondedAt: sql`now()` })
    .where(eq(spaceInvitations.id, id));
}

/**
 * Accepts an invitation: the signed-in person becomes a member with the invited role, in the same
 * transaction as the status change. Someone who is already a member keeps the higher of their
 * role and the invited one (an invitation never demotes). One audit record, invitation.accept,
 * says who joined and with which role, so the activity page shows one line per join.
 */
export async function acceptInvitation(
  ctx: TServiceContext,
  input: { invitationId: string },
): Promise<{ space: string; role: TSpaceRole }> {
  return ctx.db.transaction(async (tx) => {
    const invitation = await lockOpenInvitation(tx, ctx, input.invitationId);
    const [member] = await tx
      .select({ role: spaceMembers.role })
      .from(spaceMembers)
      .where(
        and(eq(spaceMembers.spaceId, invitation.spaceId), eq(spaceMembers.userId, ctx.actor.id)),
      );
    const role =
      member && roleAtLeast(member.role, invitation.role) ? member.role : invitation.role;
    if (!member) {
      await tx
        .insert(spaceMembers)
        .values({ spaceId: invitation.spaceId, userId: ctx.actor.id, role });
    } else if (role !== member.role) {
      await tx
        .update(spaceMembers)
        .set({ role })
        .where(
          and(eq(spaceMembers.spaceId, invitation.spaceId), eq(spaceMembers.userId, ctx.actor.id)),
        );
    }
    await markAnswered(tx, invitation.id, "accepted");
    await recordAuditEvent(inTransaction(ctx, tx), {
      spaceId: invitation.spaceId,
      action: "invitation.accept",
      targetType: "invitation",
      targetId: invitation.email,
      before: member ? { member: ctx.actor.label, role: member.role } : undefined,
      after: { member: ctx.actor.label, role },
    });
    // The new member is bound on every environment of the space.
    await requestReconcile(tx, await spaceReconcileKeys(tx, invitation.spaceId));
    return { space: invitation.spaceName, role };
  });
}

/** Declines an invitation; the space's owners see it in the activity log and may invite again. */
export async function declineInvitation(
  ctx: TServiceContext,
  input: { invitationId: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const invitation = await lockOpenInvitation(tx, ctx, input.invitationId);
    await markAnswered(tx, invitation.id, "declined");
    await recordAuditEvent(inTransaction(ctx, tx), {
      spaceId: invitation.spaceId,
      action: "invitation.decline",
      targetType: "invitation",
      targetId: invitation.email,
      before: { role: invitation.role, status: "pending" },
      after: { status: "declined" },
    });
  });
}
