import { count, eq } from "drizzle-orm";
import { spaceMembers } from "@/db/schema";
import type { TSpaceContext } from "../context";

/** The space as the caller sees it: the row, their role, and how many members it has. */
export async function getSpace(ctx: TSpaceContext) {
  const [members] = await ctx.db
    .select({ total: count() })
    .from(spaceMembers)
    .where(eq(spaceMembers.spaceId, ctx.space.id));
  return {
    space: ctx.space,
    role: ctx.role,
    isMember: ctx.isMember,
    memberCount: Number(members?.total ?? 0),
  };
}
