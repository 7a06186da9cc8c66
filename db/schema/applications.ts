// Applications of a space (seed: gitops-service-api.md, App Studio part; osio-multi-environment
// for the pipeline environment map). An application has components, each with a GitOps source
// Argo CD deploys from; snapshots fix one image per component and never change; a binding says
// which snapshot runs in which environment. Composite foreign keys carry space_id and
// application_id so the database itself refuses a binding or a map entry that crosses spaces or
// applications (the services say so first, in words).
import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { TArtifacts } from "@/lib/validators/snapshot";
import type { TBindingComponent } from "@/lib/validators/binding";
import {
  createdAt,
  createdBy,
  dnsLabelCheck,
  reconciled,
  repositoryUrlCheck,
  updatedAt,
} from "./columns";
import { environments } from "./environments";
import { spaces } from "./spaces";

export const gitopsSourceType = pgEnum("gitops_source_type", ["kustomize", "helm", "directory"]);

export const applications = pgTable(
  "application",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    // DNS-1123 label, unique in the space.
    name: text("name").notNull(),
    displayName: text("display_name").notNull(),
    // Set when deletion was asked for while bindings had Argo CD Applications out: the last
    // binding's reconcile deletes the row once they are gone.
    deletionRequestedAt: timestamp("deletion_requested_at", { mode: "date", withTimezone: true }),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("application_space_name_unique").on(t.spaceId, t.name),
    // The target of the composite foreign keys that keep bindings and maps inside one space.
    unique("application_id_space_unique").on(t.id, t.spaceId),
    index("application_space_list_idx").on(t.spaceId, t.createdAt, t.id),
    index("application_created_by_idx").on(t.createdBy),
    dnsLabelCheck("application_name_dns_label", t.name),
  ],
);

export const components = pgTable(
  "component",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    // DNS-1123 label, unique in the application.
    name: text("name").notNull(),
    displayName: text("display_name").notNull(),
    // Where the code lives (https:// or ssh://).
    sourceUrl: text("source_url").notNull(),
    // The image the component runs now; a snapshot copies it.
    containerImage: text("container_image").notNull(),
    // What Argo CD deploys from: repository, path in it, revision, and how to render it.
    gitopsRepoUrl: text("gitops_repo_url").notNull(),
    gitopsPath: text("gitops_path").notNull(),
    gitopsTargetRevision: text("gitops_target_revision").notNull(),
    gitopsType: gitopsSourceType("gitops_type").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Also the keyset order of an application's component list (by name).
    uniqueIndex("component_application_name_unique").on(t.applicationId, t.name),
    dnsLabelCheck("component_name_dns_label", t.name),
    repositoryUrlCheck("component_source_url_scheme", t.sourceUrl),
    repositoryUrlCheck("component_gitops_repo_url_scheme", t.gitopsRepoUrl),
    check("component_container_image_present", sql`${t.containerImage} <> ''`),
    check(
      "component_gitops_path_relative",
      sql`${t.gitopsPath} <> '' and left(${t.gitopsPath}, 1) <> '/'`,
    ),
  ],
);

/** Pipeline stage name (test, stage, run…) → an environment of the same space, per application. */
export const pipelineEnvironmentMaps = pgTable(
  "pipeline_environment_map",
  {
    applicationId: uuid("application_id").notNull(),
    spaceId: uuid("space_id").notNull(),
    stage: text("stage").notNull(),
    // Pipeline order, from 0.
    position: integer("position").notNull(),
    environmentId: uuid("environment_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.stage] }),
    uniqueIndex("pipeline_environment_map_position_unique").on(t.applicationId, t.position),
    uniqueIndex("pipeline_environment_map_environment_unique").on(t.applicationId, t.environmentId),
    index("pipeline_environment_map_environment_idx").on(t.environmentId, t.spaceId),
    foreignKey({
      name: "pipeline_environment_map_application_fk",
      columns: [t.applicationId, t.spaceId],
      foreignColumns: [applications.id, applications.spaceId],
    }).onDelete("cascade"),
    // An environment deleted takes its stages with it.
    foreignKey({
      name: "pipeline_environment_map_environment_fk",
      columns: [t.environmentId, t.spaceId],
      foreignColumns: [environments.id, environments.spaceId],
    }).onDelete("cascade"),
    dnsLabelCheck("pipeline_environment_map_stage_dns_label", t.stage),
    check("pipeline_environment_map_position_natural", sql`${t.position} >= 0`),
  ],
);

/** One image per component, fixed at creation. Only display name and description change. */
export const snapshots = pgTable(
  "snapshot",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    // DNS-1123 label, unique in the application.
    name: text("name").notNull(),
    displayName: text("display_name").notNull(),
    description: text("description").notNull().default(""),
    // Free-form JSON object (build ids, test results…).
    artifacts: jsonb("artifacts").$type<TArtifacts>().notNull().default({}),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("snapshot_application_name_unique").on(t.applicationId, t.name),
    // The target of the binding's composite foreign key: a binding's snapshot is its application's.
    unique("snapshot_id_application_unique").on(t.id, t.applicationId),
    index("snapshot_application_list_idx").on(t.applicationId, t.createdAt, t.id),
    index("snapshot_created_by_idx").on(t.createdBy),
    dnsLabelCheck("snapshot_name_dns_label", t.name),
    check("snapshot_artifacts_object", sql`jsonb_typeof(${t.artifacts}) = 'object'`),
  ],
);

/**
 * A snapshot's image of one component, by the component's name: the snapshot keeps saying what it
 * held even after the component is deleted.
 */
export const snapshotComponents = pgTable(
  "snapshot_component",
  {
    snapshotId: uuid("snapshot_id")
      .notNull()
      .references(() => snapshots.id, { onDelete: "cascade" }),
    componentName: text("component_name").notNull(),
    containerImage: text("container_image").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.snapshotId, t.componentName] }),
    dnsLabelCheck("snapshot_component_name_dns_label", t.componentName),
    check("snapshot_component_container_image_present", sql`${t.containerImage} <> ''`),
  ],
);

/**
 * SnapshotEnvironmentBinding: the snapshot of an application that runs in an environment, with
 * per-component configuration. (application, environment) is unique and never changes; the
 * snapshot does (promotion). Reconciled: the reconciler writes Argo CD Applications from it and
 * status back onto it.
 */
export const snapshotEnvironmentBindings = pgTable(
  "snapshot_environment_binding",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id").notNull(),
    applicationId: uuid("application_id").notNull(),
    environmentId: uuid("environment_id").notNull(),
    snapshotId: uuid("snapshot_id").notNull(),
    components: jsonb("components").$type<TBindingComponent[]>().notNull().default([]),
    ...reconciled(),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("binding_application_environment_unique").on(t.applicationId, t.environmentId),
    index("binding_application_list_idx").on(t.applicationId, t.createdAt, t.id),
    index("binding_environment_idx").on(t.environmentId, t.spaceId),
    index("binding_snapshot_idx").on(t.snapshotId, t.applicationId),
    index("binding_created_by_idx").on(t.createdBy),
    foreignKey({
      name: "binding_application_fk",
      columns: [t.applicationId, t.spaceId],
      foreignColumns: [applications.id, applications.spaceId],
    }).onDelete("cascade"),
    // The environment must be of the application's space; deleting it removes its bindings.
    foreignKey({
      name: "binding_environment_fk",
      columns: [t.environmentId, t.spaceId],
      foreignColumns: [environments.id, environments.spaceId],
    }).onDelete("cascade"),
    // The snapshot must be of the binding's application. NO ACTION (checked at the end of the
    // statement): a snapshot in use cannot be deleted, but an application's cascade takes both.
    foreignKey({
      name: "binding_snapshot_fk",
      columns: [t.snapshotId, t.applicationId],
      foreignColumns: [snapshots.id, snapshots.applicationId],
    }),
    check("binding_components_array", sql`jsonb_typeof(${t.components}) = 'array'`),
  ],
);
