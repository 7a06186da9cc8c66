// Column helpers shared by the reconciled tables.
import { sql, type AnyColumn } from "drizzle-orm";
import { check, integer, jsonb, text, timestamp } from "drizzle-orm/pg-core";
import { EMPTY_STATUS, type TReconcileStatus } from "@/lib/conditions";
import { users } from "./auth";

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

/** A CHECK that a column holds a DNS-1123 label: the database's backstop for the zod schemas. */
export const dnsLabelCheck = (name: string, column: AnyColumn) =>
  check(name, sql`${column} ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' and char_length(${column}) <= 63`);

/** A CHECK that a column holds an https:// or ssh:// URL (Argo CD's and upstream's rule). */
export const repositoryUrlCheck = (name: string, column: AnyColumn) =>
  check(name, sql`${column} like 'https://%' or ${column} like 'ssh://%'`);

/** The user who made the row; the row outlives them (their id becomes null). */
export const createdBy = () =>
  text("created_by").references(() => users.id, { onDelete: "set null" });
