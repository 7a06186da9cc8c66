// Start-up reconciliation of admin rights with SLIPWAY_ADMINS. Sign-in re-applies the list to the
// user signing in; this applies it to everyone, so taking someone off the list takes effect when
// Slipway restarts rather than whenever they next sign in.
import { and, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvents } from "@/server/services/audit/record-audit-event";
import { adminChangeEvent, SLIPWAY_ACTOR } from "./admins";

export interface TAdminReconciliation {
  /** Usernames (or e-mails, or ids) of users made admin, and of users no longer admin. */
  granted: string[];
  revoked: string[];
}

const REASON = "SLIPWAY_ADMINS at start-up";

/**
 * Makes `is_admin` true exactly for users whose e-mail is listed: one UPDATE per direction, each
 * changed row audited, all in one transaction. Rows already right are not written, so a second
 * run changes nothing and records nothing. An empty list means the development first-user rule
 * (admins.ts) is in force, and nothing is touched.
 */
export async function reconcileAdmins(
  db: Db,
  admins: readonly string[],
): Promise<TAdminReconciliation> {
  if (admins.length === 0) return { granted: [], revoked: [] };
  const email = sql<string>`lower(${users.email})`;
  const changed = { id: users.id, email: users.email, username: users.username };
  return db.transaction(async (tx) => {
    const granted = await tx
      .update(users)
      .set({ isAdmin: true })
      .where(and(eq(users.isAdmin, false), inArray(email, [...admins])))
      .returning(changed);
    const revoked = await tx
      .update(users)
      .set({ isAdmin: false })
      .where(and(eq(users.isAdmin, true), or(isNull(users.email), notInArray(email, [...admins]))))
      .returning(changed);
    const events = [
      ...granted.map((user) => adminChangeEvent(user, true, REASON)),
      ...revoked.map((user) => adminChangeEvent(user, false, REASON)),
    ];
    await recordAuditEvents(SLIPWAY_ACTOR(tx), events);
    return {
      granted: events.filter((e) => e.action === "user.admin-grant").map((e) => e.targetId),
      revoked: events.filter((e) => e.action === "user.admin-revoke").map((e) => e.targetId),
    };
  });
}
