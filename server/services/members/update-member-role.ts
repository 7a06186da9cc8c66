import { and, eq } from "drizzle-orm";
import { spaceMembers } from "@/db/schema";
import type { TSpaceRole } from "@/lib/validators/space";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TServiceContext } from "../context";
import type { TSpaceRow } from "../spaces/get-space-access";
import { loadMember } from "./load-member";
import { assertKeepsAnOwner, lockSpaceMembership } from "./owner-guard";

export async function updateMemberRole(
  ctx: TServiceContext,
  space: TSpaceRow,
  input: { userId: string; role: TSpaceRole },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockSpaceMembership(tx, space);
    const member = await loadMember(tx, space.id, input.userId);
    if (member.role === input.role) return;
    if (member.role === "owner") await assertKeepsAnOwner(tx, space.id, input.userId);
    await tx
      .update(spaceMembers)
      .set({ role: input.role })
      .where(and(eq(spaceMembers.spaceId, space.id), eq(spaceMembers.userId, input.userId)));
    await recordAuditEvent(tx, {
      actor: ctx.actor,
      spaceId: space.id,
      action: "member.update-role",
      targetType: "member",
      targetId: member.label,
      before: { role: member.role },
      after: { role: input.role },
      requestId: ctx.requestId,
    });
  });
}
