// Environments of a space: a namespace on a cluster (or on a deployment target a claim bound),
// arranged in a promotion graph by parent. Personal workspaces are per-member namespaces of a dev
// environment. cluster_namespace makes "one owner per namespace per cluster" a database rule.
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { clusters, type TQuotaQuantities } from "./clusters";
import { createdAt, createdBy, reconciled, updatedAt } from "./columns";
import { deploymentTargetClaims } from "./deployment-targets";
import { spaces } from "./spaces";

export const environmentType = pgEnum("environment_type", [
  "build",
  "dev",
  "test",
  "stage",
  "run",
  "custom",
]);

export const deploymentStrategy = pgEnum("deployment_strategy", ["Manual", "AppStudioAutomated"]);

/** LimitRange container defaults. */
export interface TContainerLimits {
  defaultRequest: Record<string, string>;
  default: Record<string, string>;
}

export interface TEnvironmentVariable {
  name: string;
  value: string;
}

export const environments = pgTable(
  "environment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      // A space with environments is not deleted until they are gone from their clusters.
      .references(() => spaces.id, { onDelete: "restrict" }),
    // DNS-1123 label, unique in the space.
    name: text("name").notNull(),
    displayName: text("display_name").notNull(),
    description: text("description").notNull().default(""),
    type: environmentType("type").notNull(),
    // Exactly one of cluster_id and claim_id is set when created; a bound claim's target supplies
    // the cluster and namespace, copied here by the reconciler.
    clusterId: uuid("cluster_id").references(() => clusters.id, { onDelete: "restrict" }),
    claimId: uuid("claim_id").references(() => deploymentTargetClaims.id, {
      onDelete: "restrict",
    }),
    namespace: text("namespace"),
    parentId: uuid("parent_id").references((): AnyPgColumn => environments.id, {
      onDelete: "set null",
    }),
    deploymentStrategy: deploymentStrategy("deployment_strategy").notNull().default("Manual"),
    variables: jsonb("variables").$type<TEnvironmentVariable[]>().notNull().default([]),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    quota: jsonb("quota").$type<TQuotaQuantities>().notNull().default({}),
    containerLimits: jsonb("container_limits").$type<TContainerLimits>(),
    // Profile (OSIO): whether contributors get their own namespace instance of a dev environment;
    // when false they share the owner's.
    contributorNamespaces: boolean("contributor_namespaces").notNull().default(true),
    // Ephemeral environments: deleted at expires_at, warned an hour before.
    expiresAt: timestamp("expires_at", { mode: "date", withTimezone: true }),
    expiryWarnedAt: timestamp("expiry_warned_at", { mode: "date", withTimezone: true }),
    ...reconciled(),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("environment_space_name_unique").on(t.spaceId, t.name),
    // The target of composite foreign keys (bindings, pipeline maps) that must stay in the space.
    unique("environment_id_space_unique").on(t.id, t.spaceId),
    // At most one build and one dev environment per space (OSIO).
    uniqueIndex("environment_space_singleton_type_unique")
      .on(t.spaceId, t.type)
      .where(sql`${t.type} in ('build', 'dev')`),
    index("environment_space_list_idx").on(t.spaceId, t.createdAt, t.id),
    index("environment_cluster_idx").on(t.clusterId),
    index("environment_claim_idx").on(t.claimId),
    index("environment_parent_idx").on(t.parentId),
    index("environment_created_by_idx").on(t.createdBy),
    index("environment_expires_idx")
      .on(t.expiresAt)
      .where(sql`${t.expiresAt} is not null`),
  ],
);

/** A member's personal namespace of a dev environment, made on first "Open workspace". */
export const environmentWorkspaces = pgTable(
  "environment_workspace",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    environmentId: uuid("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "restrict" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    namespace: text("namespace").notNull(),
    ...reconciled(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("environment_workspace_user_unique").on(t.environmentId, t.userId),
    index("environment_workspace_user_idx").on(t.userId),
  ],
);

/**
 * Who owns each namespace Slipway made on a cluster (an environment, a workspace or a deployment
 * target), so two owners can never share one. Written in the transaction that creates the owner.
 */
export const clusterNamespaces = pgTable(
  "cluster_namespace",
  {
    clusterId: uuid("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    namespace: text("namespace").notNull(),
    // The reconcile key of the owner: "environment/<id>", "workspace/<id>", "target/<id>".
    ownerKey: text("owner_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clusterId, t.namespace] }),
    uniqueIndex("cluster_namespace_owner_unique").on(t.ownerKey, t.clusterId),
  ],
);
