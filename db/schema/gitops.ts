// What Slipway deployed through Argo CD: one GitOps deployment per (binding, component) — the
// Application it writes and the status Argo CD reports on it, copied here by the reconciler so
// pages never ask a cluster. Rows come and go with the binding's pass.
import {
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { snapshotEnvironmentBindings } from "./applications";
import { clusters } from "./clusters";
import { createdAt, dnsLabelCheck, updatedAt } from "./columns";

export const gitopsSyncMode = pgEnum("gitops_sync_mode", ["automated", "manual"]);

/** An Argo CD Application condition as Argo CD reports it (ComparisonError, SyncError…). */
export interface TArgoCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

/** One resource of the Application, from `status.resources`. */
export interface TArgoResourceStatus {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  health?: string;
}

/** `status.operationState`, the parts people read. */
export interface TArgoOperationSummary {
  phase: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  revision?: string;
  initiatedBy?: string;
}

export const gitopsDeployments = pgTable(
  "gitops_deployment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bindingId: uuid("binding_id")
      .notNull()
      .references(() => snapshotEnvironmentBindings.id, { onDelete: "cascade" }),
    componentName: text("component_name").notNull(),
    // Where the Application lives: the cluster Argo CD runs in (the environment's or its hub).
    argoCdClusterId: uuid("argo_cd_cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    argoCdNamespace: text("argo_cd_namespace").notNull(),
    applicationName: text("application_name").notNull(),
    syncMode: gitopsSyncMode("sync_mode").notNull(),
    // The Application as last applied (wire shape, no managedFields, no status): shown as YAML.
    manifest: jsonb("manifest").$type<Record<string, unknown>>().notNull(),
    // Slipway's own findings about the desired Application (overrides a source cannot carry).
    slipwayConditions: jsonb("slipway_conditions").$type<TArgoCondition[]>().notNull().default([]),
    // Copied from the Application's status; null until Argo CD reports.
    syncStatus: text("sync_status"),
    healthStatus: text("health_status"),
    revision: text("revision"),
    // status.summary.images: the images Argo CD sees running (a promotion waits for its own).
    images: jsonb("images").$type<string[]>().notNull().default([]),
    resources: jsonb("resources").$type<TArgoResourceStatus[]>().notNull().default([]),
    conditions: jsonb("conditions").$type<TArgoCondition[]>().notNull().default([]),
    operationState: jsonb("operation_state").$type<TArgoOperationSummary>(),
    lastSyncedAt: timestamp("last_synced_at", { mode: "date", withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("gitops_deployment_binding_component_unique").on(t.bindingId, t.componentName),
    index("gitops_deployment_cluster_idx").on(t.argoCdClusterId),
    dnsLabelCheck("gitops_deployment_component_name_dns_label", t.componentName),
  ],
);
