import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spaceMembers, users } from "@/db/schema";
import { AppError } from "../errors";

/** The member's role and a label for audit records. Callers hold lockSpaceMembership. */
export async function loadMember(tx: Db, spaceId: string, userId: string) {
  const [member] = await tx
    .select({ role: spaceMembers.role, username: users.username, email: users.email })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId)));
  if (!member) throw new AppError("NOT_FOUND", "That user is not a member of this space.");
  return { role: member.role, label: member.username ?? member.email ?? userId };
}
