import { and, count, eq, ilike, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import { spaceMembers, spaces, spaceSearchText } from "@/db/schema";
import type { TPage } from "@/lib/validators/pagination";
import type { TFindSpaces, TSpaceRole } from "@/lib/validators/space";
import type { TServiceContext } from "../context";
import { planKeysetPage } from "../keyset";
import { escapeLike } from "../like";

export interface TSpaceListItem {
  id: string;
  name: string;
  displayName: string;
  description: string;
  createdAt: Date;
  /** Null for an admin looking at a space they are not a member of. */
  role: TSpaceRole | null;
  memberCount: number;
}

const BY_NAME = {
  columns: [spaces.name],
  direction: "asc",
  keySchema: z.tuple([z.string()]),
} as const;

/**
 * Members see their spaces; admins see all. Keyset-paginated by name (unique, indexed), so a deep
 * page costs what the first does; a search uses the trigram index on name and display name.
 * Member counts are taken for the returned page only, in one grouped query.
 */
export async function findSpaces(
  ctx: TServiceContext,
  input: TFindSpaces,
): Promise<TPage<TSpaceListItem>> {
  const plan = planKeysetPage(BY_NAME, input);
  const mine = ctx.db
    .select({ spaceId: spaceMembers.spaceId, role: spaceMembers.role })
    .from(spaceMembers)
    .where(eq(spaceMembers.userId, ctx.actor.id))
    .as("mine");

  const filters: (SQL | undefined)[] = [plan.where];
  if (input.query) filters.push(ilike(spaceSearchText, `%${escapeLike(input.query)}%`));

  const base = ctx.db
    .select({
      id: spaces.id,
      name: spaces.name,
      displayName: spaces.displayName,
      description: spaces.description,
      createdAt: spaces.createdAt,
      role: mine.role,
    })
    .from(spaces)
    .$dynamic();
  // A member's list starts from their memberships (an index on user_id), never from all spaces.
  const joined = ctx.actor.isAdmin
    ? base.leftJoin(mine, eq(mine.spaceId, spaces.id))
    : base.innerJoin(mine, eq(mine.spaceId, spaces.id));
  const rows = await joined
    .where(and(...filters))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.name]);

  const ids = page.items.map((space) => space.id);
  const counts =
    ids.length === 0
      ? []
      : await ctx.db
          .select({ spaceId: spaceMembers.spaceId, members: count() })
          .from(spaceMembers)
          .where(inArray(spaceMembers.spaceId, ids))
          .groupBy(spaceMembers.spaceId);
  const memberCount = new Map(counts.map((row) => [row.spaceId, Number(row.members)]));
  return {
    ...page,
    items: page.items.map((space) => ({ ...space, memberCount: memberCount.get(space.id) ?? 0 })),
  };
}
