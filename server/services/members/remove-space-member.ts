import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, environmentWorkspaces, spaceMembers } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { AppError } from "../errors";
import { spaceReconcileKeys } from "../environments/workspace-keys";
import { requestReconcile } from "../reconcile/request-reconcile";
import { lockSpaceForChange } from "../spaces/lock-space";
import { assertKeepsAnOwner } from "./keep-an-owner";
import { loadMember } from "./load-member";

/** A member who leaves loses their personal workspaces in the space: the reconciler deletes them. */
async function releaseWorkspaces(tx: Db, spaceId: string, userId: string): Promise<void> {
  const ofSpace = tx
    .select({ id: environments.id })
    .from(environments)
    .where(eq(environments.spaceId, spaceId));
  await tx
    .update(environmentWorkspaces)
    .set({ deletionRequestedAt: new Date() })
    .where(
      and(
        eq(environmentWorkspaces.userId, userId),
        inArray(environmentWorkspaces.environmentId, ofSpace),
        isNull(environmentWorkspaces.deletionRequestedAt),
      ),
    );
}

async function removeMember(ctx: TSpaceContext, userId: string, leaving: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    // Anyone may leave; removing someone else takes an owner, re-checked under the lock.
    await lockSpaceForChange(txCtx, leaving ? "viewer" : "owner");
    const member = await loadMember(tx, ctx.space.id, userId);
    if (member.role === "owner") await assertKeepsAnOwner(tx, ctx.space.id, userId);
    await tx
      .delete(spaceMembers)
      .where(and(eq(spaceMembers.spaceId, ctx.space.id), eq(spaceMembers.userId, userId)));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: leaving ? "member.leave" : "member.remove",
      targetType: "member",
      targetId: member.label,
      before: { role: member.role },
    });
    await releaseWorkspaces(tx, ctx.space.id, userId);
    // Their RoleBindings go from every environment of the space.
    await requestReconcile(tx, await spaceReconcileKeys(tx, ctx.space.id));
  });
}

/** Removes a member (removing yourself is leaving). The last owner can be neither removed nor leave. */
export async function removeSpaceMember(
  ctx: TSpaceContext,
  input: { userId: string },
): Promise<void> {
  await removeMember(ctx, input.userId, input.userId === ctx.actor.id);
}

/** Any member may leave; an admin who is not a member has nothing to leave. */
export async function leaveSpace(ctx: TSpaceContext): Promise<void> {
  if (!ctx.isMember) throw new AppError("BAD_REQUEST", "You are not a member of this space.");
  await removeMember(ctx, ctx.actor.id, true);
}
