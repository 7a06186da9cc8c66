// Who is an administrator. With SLIPWAY_ADMINS set, exactly the listed users (by e-mail or
// username) are admins, re-evaluated at every sign-in. Without it, the first user to sign in
// becomes the admin and stays one.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

export interface TAdminIdentity {
  email?: string | null;
  username?: string | null;
}

/** Whether the user's lower-cased e-mail or username is on the (already lower-cased) list. */
export function isListedAdmin(identity: TAdminIdentity, admins: readonly string[]): boolean {
  const candidates = [identity.email, identity.username]
    .map((value) => value?.trim().toLowerCase())
    .filter((value): value is string => Boolean(value));
  return candidates.some((candidate) => admins.includes(candidate));
}

// Any constant: serialises "first user becomes admin" decisions across connections.
const FIRST_ADMIN_LOCK = 0x51177a7;

/**
 * Applies the admin policy to a user who just signed in and returns their resulting flag.
 *
 * The first-user rule is one conditional UPDATE (`... WHERE NOT EXISTS (SELECT 1 ... WHERE
 * is_admin)`). On its own that statement is not race-free on Postgres under READ COMMITTED: two
 * concurrent sign-ins update different rows and neither sees the other's uncommitted change. So it
 * runs inside a transaction holding a transaction-scoped advisory lock; a second sign-in waits for
 * the first to commit and its UPDATE then sees the new admin.
 */
export async function applyAdminPolicy(
  db: Db,
  user: TAdminIdentity & { id: string },
  admins: readonly string[],
): Promise<boolean> {
  if (admins.length > 0) {
    const isAdmin = isListedAdmin(user, admins);
    const [row] = await db
      .update(users)
      .set({ isAdmin })
      .where(eq(users.id, user.id))
      .returning({ isAdmin: users.isAdmin });
    return row?.isAdmin ?? false;
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    const promoted = await tx.execute(
      sql`update "user" set is_admin = true
          where id = ${user.id} and not exists (select 1 from "user" where is_admin)
          returning id`,
    );
    if (resultRows(promoted).length > 0) return true;
    const [row] = await tx
      .select({ isAdmin: users.isAdmin })
      .from(users)
      .where(eq(users.id, user.id));
    return row?.isAdmin ?? false;
  });
}

// node-postgres and PGlite both return { rows } from execute().
function resultRows(result: unknown): unknown[] {
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? rows : [];
}
