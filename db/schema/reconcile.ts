// The reconciler's own tables: cluster leases (which worker owns a cluster's work), the objects it
// applied with what the cluster last said of them, and a short event log per reconciled thing.
import {
  bigserial,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { clusters } from "./clusters";

/** One worker at a time applies to a cluster; another takes over after expires_at. */
export const clusterLeases = pgTable("cluster_lease", {
  clusterId: uuid("cluster_id")
    .primaryKey()
    .references(() => clusters.id, { onDelete: "cascade" }),
  holder: text("holder").notNull(),
  acquiredAt: timestamp("acquired_at", { mode: "date", withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }).notNull(),
});

export type TManagedObjectHealth = "Applied" | "Missing" | "Failed" | "Deleting";

/** An object the reconciler applied for an owner ("environment/<id>", …) and its observed state. */
export const managedObjects = pgTable(
  "managed_object",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerKey: text("owner_key").notNull(),
    clusterId: uuid("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    apiVersion: text("api_version").notNull(),
    kind: text("kind").notNull(),
    // "" for cluster-scoped objects.
    namespace: text("namespace").notNull().default(""),
    name: text("name").notNull(),
    uid: text("uid"),
    resourceVersion: text("resource_version"),
    health: text("health").$type<TManagedObjectHealth>().notNull(),
    message: text("message").notNull().default(""),
    // The object as the cluster last returned it, without managedFields: shown as YAML.
    observed: jsonb("observed").$type<Record<string, unknown>>(),
    observedAt: timestamp("observed_at", { mode: "date", withTimezone: true }),
  },
  (t) => [
    uniqueIndex("managed_object_identity_unique").on(
      t.ownerKey,
      t.apiVersion,
      t.kind,
      t.namespace,
      t.name,
    ),
    index("managed_object_cluster_idx").on(t.clusterId, t.namespace),
  ],
);

/** What the reconciler did or saw, newest first per owner; pruned to the latest few hundred. */
export const reconcileEvents = pgTable(
  "reconcile_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ownerKey: text("owner_key").notNull(),
    at: timestamp("at", { mode: "date", withTimezone: true, precision: 3 }).notNull().defaultNow(),
    type: text("type").$type<"Normal" | "Warning">().notNull(),
    reason: text("reason").notNull(),
    message: text("message").notNull(),
  },
  (t) => [index("reconcile_event_owner_idx").on(t.ownerKey, t.id)],
);
