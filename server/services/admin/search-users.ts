import { asc, ilike, or, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { escapeLike } from "../like";
import type { TServiceContext } from "../context";
import { userLabel } from "../users/user-label";

export interface TUserOption {
  id: string;
  label: string;
  name: string | null;
  email: string | null;
}

/** At most this many suggestions: a picker narrows by typing more, it does not page. */
export const USER_OPTIONS_LIMIT = 10;

/**
 * Users whose name, username or e-mail contains `query`, for the admin's actor picker (callers
 * authorize: e-mail addresses are shown). Users are few next to events and spaces; this scans them.
 */
export async function searchUsers(
  ctx: TServiceContext,
  input: { query: string },
): Promise<TUserOption[]> {
  const pattern = `%${escapeLike(input.query)}%`;
  const rows = await ctx.db
    .select({ id: users.id, username: users.username, name: users.name, email: users.email })
    .from(users)
    .where(
      or(ilike(users.username, pattern), ilike(users.name, pattern), ilike(users.email, pattern)),
    )
    .orderBy(asc(sql`coalesce(${users.username}, ${users.name}, ${users.email})`), asc(users.id))
    .limit(USER_OPTIONS_LIMIT);
  return rows.map((row) => ({
    id: row.id,
    label: userLabel(row),
    name: row.name,
    email: row.email,
  }));
}
