import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spaceMembers, users } from "@/db/schema";
import { AppError } from "../errors";
import { userLabel } from "../users/user-label";

/** The member's role and a label for audit records. Callers hold lockSpaceForChange. */
export async function loadMember(tx: Db, spaceId: string, userId: string) {
  const [member] = await tx
    .select({
      role: spaceMembers.role,
      username: users.username,
      name: users.name,
      email: users.email,
    })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId)));
  if (!member) throw new AppError("NOT_FOUND", "That user is not a member of this space.");
  return { role: member.role, label: userLabel({ id: userId, ...member }) };
}
