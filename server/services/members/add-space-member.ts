import { and, eq, or, sql } from "drizzle-orm";
import { spaceMembers, users } from "@/db/schema";
import type { TSpaceRole } from "@/lib/validators/space";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { isUniqueViolation } from "../db-errors";
import { fieldError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { userLabel } from "../users/user-label";

const alreadyMember = (who: string) =>
  fieldError("identifier", `${who} is already a member of this space.`, "CONFLICT");

/** Adds an existing user, found by email or username (case-insensitive). */
export async function addSpaceMember(
  ctx: TSpaceContext,
  input: { identifier: string; role: TSpaceRole },
): Promise<{ userId: string }> {
  const { space } = ctx;
  const identifier = input.identifier.trim().toLowerCase();
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "owner");
      const [user] = await tx
        .select({
          id: users.id,
          email: users.email,
          username: users.username,
          name: users.name,
          member: spaceMembers.role,
        })
        .from(users)
        .leftJoin(
          spaceMembers,
          and(eq(spaceMembers.userId, users.id), eq(spaceMembers.spaceId, space.id)),
        )
        // lower(email) has an expression index; usernames are stored lower-cased.
        .where(or(eq(sql`lower(${users.email})`, identifier), eq(users.username, identifier)))
        .limit(1);
      if (!user) {
        throw fieldError(
          "identifier",
          `No user with email or username "${input.identifier}". People appear here after they sign in to Slipway once.`,
        );
      }
      if (user.member) throw alreadyMember(input.identifier);
      await tx
        .insert(spaceMembers)
        .values({ spaceId: space.id, userId: user.id, role: input.role });
      const label = userLabel(user);
      await recordAuditEvent(txCtx, {
        spaceId: space.id,
        action: "member.add",
        targetType: "member",
        targetId: label,
        after: { user: label, role: input.role },
      });
      return { userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyMember(input.identifier);
    throw error;
  }
}
