import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { spaceMembers, users } from "@/db/schema";
import { maskEmailsIn } from "@/lib/mask-email";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TSpaceRole } from "@/lib/validators/space";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";

export interface TSpaceMemberView {
  userId: string;
  name: string | null;
  email: string | null;
  username: string | null;
  image: string | null;
  role: TSpaceRole;
  addedAt: Date;
}

const OLDEST_FIRST = {
  columns: [spaceMembers.addedAt, spaceMembers.userId],
  direction: "asc",
  keySchema: z.tuple([z.iso.datetime(), z.string()]),
} as const;

/**
 * Oldest first, keyset-paginated on (added_at, user_id). E-mail addresses go only to owners (and
 * admins, who act as owners), who manage members: anyone else gets email null, and a name or
 * username that is itself an address (some providers send one as preferred_username) masked —
 * otherwise joining a space would reveal everyone's address.
 */
export async function findSpaceMembers(
  ctx: TSpaceContext,
  input: TPageInput,
): Promise<TPage<TSpaceMemberView>> {
  const plan = planKeysetPage(OLDEST_FIRST, input);
  const rows = await ctx.db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      username: users.username,
      image: users.image,
      role: spaceMembers.role,
      addedAt: spaceMembers.addedAt,
    })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .where(and(eq(spaceMembers.spaceId, ctx.space.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.addedAt.toISOString(), row.userId]);
  if (ctx.role === "owner") return page;
  return {
    ...page,
    items: page.items.map((member) => ({
      ...member,
      email: null,
      name: member.name === null ? null : maskEmailsIn(member.name),
      username: member.username === null ? null : maskEmailsIn(member.username),
    })),
  };
}
