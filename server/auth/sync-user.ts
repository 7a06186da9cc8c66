// Keeps a stored user in step with their identity provider. Auth.js only writes the user row when
// it creates it, so Slipway refreshes name, e-mail, username and picture at every later sign-in;
// an e-mail change is audited.
import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/server/services/audit/record-audit-event";
import { isUniqueViolation } from "@/server/services/db-errors";
import { userLabel } from "@/server/services/users/user-label";
import type { TProfileUser } from "./profile";

type TSyncedField = "name" | "email" | "username" | "image";
const SYNCED_FIELDS: readonly TSyncedField[] = ["name", "email", "username", "image"];

export type TStoredUser = { id: string } & Partial<Record<TSyncedField, string | null>>;

/**
 * Writes the profile's values that differ from the stored ones (a value the provider no longer
 * sends is kept). A new e-mail or username that another user already has is skipped and logged.
 * Returns the user's resulting fields.
 */
export async function syncUserProfile(
  db: Db,
  stored: TStoredUser,
  profile: Pick<TProfileUser, TSyncedField>,
  log?: Logger,
): Promise<Record<TSyncedField, string | null>> {
  const result = Object.fromEntries(
    SYNCED_FIELDS.map((field) => [field, stored[field] ?? null]),
  ) as Record<TSyncedField, string | null>;
  const changes: Partial<Record<TSyncedField, string>> = {};
  for (const field of SYNCED_FIELDS) {
    const value = profile[field];
    if (value !== null && value !== result[field]) changes[field] = value;
  }
  if (Object.keys(changes).length === 0) return result;

  try {
    await applyChanges(db, stored, result, changes);
    return { ...result, ...changes };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Some unique value (e-mail or username) belongs to another user: apply the fields one by one.
  for (const [field, value] of Object.entries(changes) as [TSyncedField, string][]) {
    try {
      await applyChanges(db, stored, result, { [field]: value });
      result[field] = value;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      log?.warn(
        { userId: stored.id, field, value },
        "not updating user: another user already has this value",
      );
    }
  }
  return result;
}

/**
 * One UPDATE, and, when it changes the e-mail (which decides admin rights and who may sign in), a
 * platform-wide audit record of the change in the same transaction.
 */
async function applyChanges(
  db: Db,
  stored: TStoredUser,
  current: Record<TSyncedField, string | null>,
  changes: Partial<Record<TSyncedField, string>>,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set(changes).where(eq(users.id, stored.id));
    if (changes.email === undefined) return;
    // The user's own sign-in brought the change from their identity provider.
    const label = userLabel({ id: stored.id, ...current, ...changes });
    await recordAuditEvent(
      { db: tx, actor: { id: stored.id, label } },
      {
        spaceId: null,
        action: "user.email-change",
        targetType: "user",
        targetId: label,
        before: { email: current.email },
        after: { email: changes.email },
      },
    );
  });
}
