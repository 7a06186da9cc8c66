// A short log per reconciled thing (reconcile_event), shown on its page: what the reconciler did or
// saw. An event identical to the previous one is not repeated, so a retry loop does not flood it,
// and only the latest KEEP_EVENTS per owner are kept.
import { and, desc, eq, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeNamed } from "@/db/execute-named";
import { rowsOf } from "@/db/rows-of";
import { reconcileEvents } from "@/db/schema";

export const KEEP_EVENTS = 200;

export interface TReconcileEventInput {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

/**
 * Appends an event unless it repeats the owner's latest; returns whether it did. One statement:
 * every pass ends here, so the check, the insert and `alongside` (a pass's status update and the
 * objects it recorded, each run as a data-modifying WITH, which Postgres always runs to
 * completion) are one round trip.
 */
export async function recordReconcileEvent(
  db: Db,
  ownerKey: string,
  event: TReconcileEventInput,
  alongside: readonly SQL[] = [],
): Promise<boolean> {
  const { type, reason, message } = event;
  const withs = alongside.map(
    (statement, i) => sql`${sql.raw(`alongside_${i}`)} as (${statement})`,
  );
  // Named: its text varies only with which writes ride along, so each shape is parsed once.
  const result = await executeNamed(
    db,
    sql`
    ${withs.length > 0 ? sql`with ${sql.join(withs, sql`, `)}` : sql``}
    insert into ${reconcileEvents} (owner_key, type, reason, message)
    select ${ownerKey}, ${type}, ${reason}, ${message}
    where not exists (
      select 1 from (
        select type, reason, message from ${reconcileEvents}
        where owner_key = ${ownerKey} order by id desc limit 1
      ) latest
      where latest.type = ${type} and latest.reason = ${reason} and latest.message = ${message})
    returning id`,
  );
  const [inserted] = rowsOf<{ id: number | string }>(result);
  // Prune now and then rather than on every insert: everything older than the KEEP_EVENTS-th newest.
  if (inserted && Number(inserted.id) % 20 === 0) await pruneReconcileEvents(db, ownerKey);
  return inserted !== undefined;
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

/**
 * Where promotions into an environment log what they did, shown with the environment's own events.
 * A log of its own rather than the environment's key: the environment's passes compare their event
 * with their log's latest, and a promotion event in between would make an idle pass write again.
 */
export const promotionEventsKey = (environmentId: string) =>
  `environment/${environmentId}/promotions`;

/** Deletes an owner's events and those of its own logs ("<owner>/…") (its row is gone). */
export async function deleteReconcileEvents(db: Db, ownerKey: string): Promise<void> {
  await db
    .delete(reconcileEvents)
    .where(
      or(eq(reconcileEvents.ownerKey, ownerKey), like(reconcileEvents.ownerKey, `${ownerKey}/%`)),
    );
}
