import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spaceMembers, spaces } from "@/db/schema";
import type { TSpaceRole } from "@/lib/validators/space";
import type { TActor } from "../context";

export type TSpaceRow = typeof spaces.$inferSelect;

export interface TSpaceAccess {
  space: TSpaceRow;
  /** The actor's effective role; admins act as owners of every space. */
  role: TSpaceRole;
  /** Whether the actor is a member in their own right (an admin may not be). */
  isMember: boolean;
}

/** One query: the space by name with the actor's membership. Null when it does not exist or the actor has no access. */
export async function getSpaceAccess(
  db: Db,
  actor: TActor,
  name: string,
): Promise<TSpaceAccess | null> {
  const [row] = await db
    .select({ space: spaces, role: spaceMembers.role })
    .from(spaces)
    .leftJoin(
      spaceMembers,
      and(eq(spaceMembers.spaceId, spaces.id), eq(spaceMembers.userId, actor.id)),
    )
    .where(eq(spaces.name, name))
    .limit(1);
  if (!row) return null;
  if (row.role)
    return { space: row.space, role: actor.isAdmin ? "owner" : row.role, isMember: true };
  if (actor.isAdmin) return { space: row.space, role: "owner", isMember: false };
  return null;
}
