// Who is an administrator. With SLIPWAY_ADMINS set, exactly the users whose verified e-mail is
// listed are admins: re-evaluated at every sign-in and, for every user, at start-up
// (reconcile-admins.ts). Without it, the first user to sign in becomes the admin and stays one.
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows-of";
import { users } from "@/db/schema";
import {
  recordAuditEvents,
  type TAuditEventInput,
} from "@/server/services/audit/record-audit-event";

export interface TAdminIdentity {
  email?: string | null;
  username?: string | null;
}

/**
 * Whether the user's e-mail is on the (already lower-cased) list. Only the e-mail counts: a
 * username is whatever the provider lets people choose, and the stored e-mail is only ever a
 * verified one (profile.ts).
 */
export function isListedAdmin(identity: TAdminIdentity, admins: readonly string[]): boolean {
  const email = identity.email?.trim().toLowerCase();
  return Boolean(email) && admins.includes(email!);
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
    if (rowsOf(promoted).length > 0) {
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

export async function auditAdminChange(
  tx: Db,
  user: TAdminIdentity & { id: string },
  isAdmin: boolean,
  reason: string,
): Promise<void> {
  await recordAuditEvents(SLIPWAY_ACTOR(tx), [adminChangeEvent(user, isAdmin, reason)]);
}

/** Admin changes are made by Slipway itself, applying the configured policy. */
export const SLIPWAY_ACTOR = (tx: Db) => ({ db: tx, actor: { id: null, label: "slipway" } });

export function adminChangeEvent(
  user: TAdminIdentity & { id: string },
  isAdmin: boolean,
  reason: string,
): TAuditEventInput {
  return {
    spaceId: null,
    action: isAdmin ? "user.admin-grant" : "user.admin-revoke",
    targetType: "user",
    targetId: user.username ?? user.email ?? user.id,
    before: { isAdmin: !isAdmin },
    after: { isAdmin, reason },
  };
}
