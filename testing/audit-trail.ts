// A space's audit records, oldest first, for tests that check what a change recorded.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditEvents } from "../db/schema";

export function auditTrailOf(db: Db, spaceId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.spaceId, spaceId))
    .orderBy(auditEvents.id);
}

/** The newest record of a space's trail. */
export async function lastAuditOf(db: Db, spaceId: string) {
  const trail = await auditTrailOf(db, spaceId);
  return trail[trail.length - 1];
}
