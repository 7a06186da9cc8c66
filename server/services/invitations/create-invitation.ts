import { and, eq } from "drizzle-orm";
import { spaceInvitations } from "@/db/schema";
import type { TCreateInvitation } from "@/lib/validators/invitation";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { fieldError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { isExpired, newExpiry } from "./invitation-sql";

export interface TCreatedInvitation {
  id: string;
  email: string;
  role: TCreateInvitation["role"];
  expiresAt: Date;
}

/**
 * Invites an e-mail address into the space. The answer never depends on whether the address has
 * an account or is already a member (so inviting cannot be used to find out who uses Slipway);
 * accepting sorts that out. Only a still-open invitation to the same address is refused; an
 * expired one is replaced, because the one-pending-per-address index would refuse a second row.
 */
export async function createInvitation(
  ctx: TSpaceContext,
  input: Pick<TCreateInvitation, "email" | "role">,
): Promise<TCreatedInvitation> {
  const email = input.email.toLowerCase();
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    // Under the space lock, two owners inviting the same address run one after the other.
    await lockSpaceForChange(txCtx, "owner");
    const [existing] = await tx
      .select({ id: spaceInvitations.id, role: spaceInvitations.role, expired: isExpired })
      .from(spaceInvitations)
      .where(
        and(
          eq(spaceInvitations.spaceId, ctx.space.id),
          eq(spaceInvitations.email, email),
          eq(spaceInvitations.status, "pending"),
        ),
      );
    if (existing && !existing.expired) {
      throw fieldError(
        "email",
        `${email} already has an open invitation to this space. Revoke it below to invite again with another role.`,
        "CONFLICT",
      );
    }
    if (existing) await tx.delete(spaceInvitations).where(eq(spaceInvitations.id, existing.id));
    const [created] = await tx
      .insert(spaceInvitations)
      .values({
        spaceId: ctx.space.id,
        email,
        role: input.role,
        invitedBy: ctx.actor.id,
        expiresAt: newExpiry,
      })
      .returning({
        id: spaceInvitations.id,
        email: spaceInvitations.email,
        role: spaceInvitations.role,
        expiresAt: spaceInvitations.expiresAt,
      });
    if (!created) throw new Error("invitation insert returned nothing");
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "invitation.create",
      targetType: "invitation",
      targetId: email,
      // Re-inviting after expiry shows what was replaced.
      before: existing ? { role: existing.role, status: "expired" } : undefined,
      after: { role: input.role, status: "pending" },
    });
    return created;
  });
}
