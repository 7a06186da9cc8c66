// Who is an administrator. With SLIPWAY_ADMINS set, exactly the listed users (by e-mail or
// username) are admins, re-evaluated at every sign-in. Without it, the first user to sign in
// becomes the admin and stays one.
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/server/services/audit/record-audit-event";

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
    return db.transaction(async (tx) => {
      // Writes (and audits) only a real change, so an ordinary sign-in touches nothing.
      const changed = await tx
        .update(users)
        .set({ isAdmin })
        .where(and(eq(users.id, user.id), ne(users.isAdmin, isAdmin)))
        .returning({ id: users.id });
      if (changed.length > 0) {
        await auditAdminChange(tx, user, isAdmin, "listed in SLIPWAY_ADMINS");
        return isAdmin;
      }
      return storedAdminFlag(tx, user.id);
    });
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`);
    const promoted = await tx.execute(
      sql`update "user" set is_admin = true
          where id = ${user.id} and not exists (select 1 from "user" where is_admin)
          returning id`,
    );
    if (resultRows(promoted).length > 0) {
      await auditAdminChange(tx, user, true, "first user to sign in");
      return true;
    }
    return storedAdminFlag(tx, user.id);
  });
}

/** The flag as stored, when the policy left it unchanged. */
async function storedAdminFlag(tx: Db, userId: string): Promise<boolean> {
  const [row] = await tx.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, userId));
  return row?.isAdmin ?? false;
}

async function auditAdminChange(
  tx: Db,
  user: TAdminIdentity & { id: string },
  isAdmin: boolean,
  reason: string,
): Promise<void> {
  await recordAuditEvent(
    { db: tx, actor: { id: null, label: "slipway" } },
    {
      spaceId: null,
      action: isAdmin ? "user.admin-grant" : "user.admin-revoke",
      targetType: "user",
      targetId: user.username ?? user.email ?? user.id,
      before: { isAdmin: !isAdmin },
      after: { isAdmin, reason },
    },
  );
}

// node-postgres and PGlite both return { rows } from execute().
function resultRows(result: unknown): unknown[] {
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? rows : [];
}
