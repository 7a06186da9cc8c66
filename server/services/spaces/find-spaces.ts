import { and, asc, count, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spaceMembers, spaces } from "@/db/schema";
import { pageOffset, toPage, type TPage } from "@/lib/validators/pagination";
import type { TFindSpaces, TSpaceRole } from "@/lib/validators/space";
import type { TActor } from "../context";

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

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Members see their spaces; admins see all. One query for the page, one for the total. */
export async function findSpaces(
  db: Db,
  actor: TActor,
  input: TFindSpaces,
): Promise<TPage<TSpaceListItem>> {
  const mine = db
    .select({ spaceId: spaceMembers.spaceId, role: spaceMembers.role })
    .from(spaceMembers)
    .where(eq(spaceMembers.userId, actor.id))
    .as("mine");
  // Correlated, so only the returned page's spaces are counted (each through the primary key).
  const memberCount = sql<number>`(select count(*)::int from ${spaceMembers} where ${spaceMembers.spaceId} = ${spaces.id})`;

  const filters: SQL[] = [];
  if (!actor.isAdmin) filters.push(sql`${mine.spaceId} is not null`);
  if (input.query) {
    const pattern = `%${escapeLike(input.query)}%`;
    const match = or(ilike(spaces.name, pattern), ilike(spaces.displayName, pattern));
    if (match) filters.push(match);
  }
  const where = filters.length > 0 ? and(...filters) : undefined;

  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: spaces.id,
        name: spaces.name,
        displayName: spaces.displayName,
        description: spaces.description,
        createdAt: spaces.createdAt,
        role: mine.role,
        memberCount,
      })
      .from(spaces)
      .leftJoin(mine, eq(mine.spaceId, spaces.id))
      .where(where)
      .orderBy(asc(spaces.name))
      .limit(input.pageSize)
      .offset(pageOffset(input)),
    db
      .select({ total: count() })
      .from(spaces)
      .leftJoin(mine, eq(mine.spaceId, spaces.id))
      .where(where),
  ]);
  const items = rows.map((row) => ({ ...row, memberCount: Number(row.memberCount ?? 0) }));
  return toPage(items, Number(totals?.total ?? 0), input);
}
