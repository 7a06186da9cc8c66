import { and, eq } from "drizzle-orm";
import { spaceMembers, spaces } from "@/db/schema";
import { roleAtLeast, type TSpaceRole } from "@/lib/validators/space";
import type { TSpaceContext } from "../context";
import { AppError, spaceNotFound } from "../errors";
import { ROLE_REQUIRED } from "./role-messages";

/**
 * Locks the space row for this transaction and re-reads the actor's role under the lock. Every
 * change inside a space starts here, so the authorization check and the change see the same state:
 * an owner demoted a moment ago cannot still add an owner, two owners demoting each other run one
 * after the other, and a space deleted meanwhile is NOT_FOUND rather than a foreign-key failure.
 */
export async function lockSpaceForChange(ctx: TSpaceContext, minimum: TSpaceRole): Promise<void> {
  const [row] = await ctx.db
    .select({ id: spaces.id, role: spaceMembers.role })
    .from(spaces)
    .leftJoin(
      spaceMembers,
      and(eq(spaceMembers.spaceId, spaces.id), eq(spaceMembers.userId, ctx.actor.id)),
    )
    .where(eq(spaces.id, ctx.space.id))
    .for("update", { of: spaces });
  if (!row) throw spaceNotFound(ctx.space.name);
  if (ctx.actor.isAdmin) return;
  if (!row.role) throw spaceNotFound(ctx.space.name);
  if (!roleAtLeast(row.role, minimum)) throw new AppError("FORBIDDEN", ROLE_REQUIRED[minimum]);
}
