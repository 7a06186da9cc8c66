import { and, eq } from "drizzle-orm";
import { spaceMembers } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TServiceContext } from "../context";
import type { TSpaceRow } from "../spaces/get-space-access";
import { loadMember } from "./load-member";
import { assertKeepsAnOwner, lockSpaceMembership } from "./owner-guard";

/** Removes a member, or (userId = the actor) leaves the space. The last owner can do neither. */
export async function removeSpaceMember(
  ctx: TServiceContext,
  space: TSpaceRow,
  userId: string,
): Promise<void> {
  const leaving = userId === ctx.actor.id;
  await ctx.db.transaction(async (tx) => {
    await lockSpaceMembership(tx, space);
    const member = await loadMember(tx, space.id, userId);
    if (member.role === "owner") await assertKeepsAnOwner(tx, space.id, userId);
    await tx
      .delete(spaceMembers)
      .where(and(eq(spaceMembers.spaceId, space.id), eq(spaceMembers.userId, userId)));
    await recordAuditEvent(tx, {
      actor: ctx.actor,
      spaceId: space.id,
      action: leaving ? "member.leave" : "member.remove",
      targetType: "member",
      targetId: member.label,
      before: { role: member.role },
      requestId: ctx.requestId,
    });
  });
}
