// Column helpers shared by the reconciled tables.
import { integer, jsonb, timestamp } from "drizzle-orm/pg-core";
import { EMPTY_STATUS, type TReconcileStatus } from "@/lib/conditions";

export const createdAt = () =>
  timestamp("created_at", { mode: "date", withTimezone: true, precision: 3 })
    .notNull()
    .defaultNow();
export const updatedAt = () =>
  timestamp("updated_at", { mode: "date", withTimezone: true, precision: 3 })
    .notNull()
    .defaultNow();

/**
 * What every reconciled row carries: a generation bumped by each change to what it asks for,
 * the status the reconciler writes back, and a deletion request. A row with
 * deletion_requested_at set is being cleaned up (finalizer); the reconciler deletes the row once
 * the cluster confirms.
 */
export const reconciled = () => ({
  generation: integer("generation").notNull().default(1),
  status: jsonb("status").$type<TReconcileStatus>().notNull().default(EMPTY_STATUS),
  deletionRequestedAt: timestamp("deletion_requested_at", { mode: "date", withTimezone: true }),
});
