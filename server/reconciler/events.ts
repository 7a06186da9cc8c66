// A short log per reconciled thing (reconcile_event), shown on its page: what the reconciler did or
// saw. An event identical to the previous one is not repeated, so a retry loop does not flood it,
// and only the latest KEEP_EVENTS per owner are kept.
import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reconcileEvents } from "@/db/schema";

export const KEEP_EVENTS = 200;

export interface TReconcileEventInput {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

/** Appends an event unless it repeats the owner's latest; returns whether it did. */
export async function recordReconcileEvent(
  db: Db,
  ownerKey: string,
  event: TReconcileEventInput,
): Promise<boolean> {
  const [latest] = await db
    .select()
    .from(reconcileEvents)
    .where(eq(reconcileEvents.ownerKey, ownerKey))
    .orderBy(desc(reconcileEvents.id))
    .limit(1);
  if (
    latest &&
    latest.type === event.type &&
    latest.reason === event.reason &&
    latest.message === event.message
  ) {
    return false;
  }
  const [inserted] = await db
    .insert(reconcileEvents)
    .values({ ownerKey, ...event })
    .returning({ id: reconcileEvents.id });
  // Prune now and then rather than on every insert: everything older than the KEEP_EVENTS-th newest.
  if (inserted && inserted.id % 20 === 0) await pruneReconcileEvents(db, ownerKey);
  return true;
}

export async function pruneReconcileEvents(db: Db, ownerKey: string): Promise<void> {
  const [oldestKept] = await db
    .select({ id: reconcileEvents.id })
    .from(reconcileEvents)
    .where(eq(reconcileEvents.ownerKey, ownerKey))
    .orderBy(desc(reconcileEvents.id))
    .offset(KEEP_EVENTS - 1)
    .limit(1);
  if (!oldestKept) return;
  await db
    .delete(reconcileEvents)
    .where(and(eq(reconcileEvents.ownerKey, ownerKey), lt(reconcileEvents.id, oldestKept.id)));
}

/** Deletes an owner's events (its row is gone). */
export async function deleteReconcileEvents(db: Db, ownerKey: string): Promise<void> {
  await db.delete(reconcileEvents).where(eq(reconcileEvents.ownerKey, ownerKey));
}
