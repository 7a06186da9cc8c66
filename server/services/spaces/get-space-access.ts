import { and, eq } from "drizzle-orm";
import { spaceMembers, spaces } from "@/db/schema";
import type { TSpaceRole } from "@/lib/validators/space";
import type { TServiceContext } from "../context";
import type { TSpaceRow } from "./space-row";

export type { TSpaceRow };

export interface TSpaceAccess {
  space: TSpaceRow;
  /** The actor's effective role; admins act as owners of every space. */
  role: TSpaceRole;
  /** Whether the actor is a member in their own right (an admin may not be). */
  isMember: boolean;
}

/** One query: the space by name with the actor's membership. Null when it does not exist or the actor has no access. */
export async function getSpaceAccess(
  ctx: Pick<TServiceContext, "db" | "actor">,
  input: { space: string },
): Promise<TSpaceAccess | null> {
  const [row] = await ctx.db
    .select({ space: spaces, role: spaceMembers.role })
    .from(spaces)
    .leftJoin(
      spaceMembers,
      and(eq(spaceMembers.spaceId, spaces.id), eq(spaceMembers.userId, ctx.actor.id)),
    )
    .where(eq(spaces.name, input.space))
    .limit(1);
  if (!row) return null;
  if (row.role)
    return { space: row.space, role: ctx.actor.isAdmin ? "owner" : row.role, isMember: true };
  if (ctx.actor.isAdmin) return { space: row.space, role: "owner", isMember: false };
  return null;
}
