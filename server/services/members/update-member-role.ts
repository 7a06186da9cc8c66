import { and, eq } from "drizzle-orm";
import { spaceMembers } from "@/db/schema";
import type { TSpaceRole } from "@/lib/validators/space";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { requestReconcile } from "../reconcile/request-reconcile";
import { spaceReconcileKeys } from "../environments/workspace-keys";
import { lockSpaceForChange } from "../spaces/lock-space";
import { assertKeepsAnOwner } from "./keep-an-owner";
import { loadMember } from "./load-member";

/**
 * Changes a member's role; setting the role they already have writes nothing. Every environment
 * and workspace of the space is reconciled, so the cluster's RoleBindings follow.
 */
export async function updateMemberRole(
  ctx: TSpaceContext,
  input: { userId: string; role: TSpaceRole },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    const member = await loadMember(tx, ctx.space.id, input.userId);
    if (member.role === input.role) return;
    if (member.role === "owner") await assertKeepsAnOwner(tx, ctx.space.id, input.userId);
    await tx
      .update(spaceMembers)
      .set({ role: input.role })
      .where(and(eq(spaceMembers.spaceId, ctx.space.id), eq(spaceMembers.userId, input.userId)));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "member.update-role",
      targetType: "member",
      targetId: member.label,
      before: { role: member.role },
      after: { role: input.role },
    });
    // The member's RoleBindings follow their role on every environment of the space.
    await requestReconcile(tx, await spaceReconcileKeys(tx, ctx.space.id));
  });
}
