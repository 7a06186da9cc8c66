// Deployment targets, provisioned like PersistentVolumes (seed: gitops-service-api.md). An admin
// defines classes; a space claims a target of a class; a target is made for the claim (dynamic:
// a namespace, a ServiceAccount and a TokenRequest token scoped to it) or registered by an admin
// (static) and bound to a matching claim. Deleting a claim releases or deletes its target per the
// class's reclaim policy.
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
import { clusters, type TQuotaQuantities } from "./clusters";
import { createdAt, createdBy, reconciled, updatedAt } from "./columns";
import { spaces } from "./spaces";

export const reclaimPolicy = pgEnum("reclaim_policy", ["Retain", "Delete"]);
export const deploymentTargetPhase = pgEnum("deployment_target_phase", [
  "Pending",
  "Available",
  "Bound",
  "Released",
  "Failed",
]);
export const deploymentTargetClaimPhase = pgEnum("deployment_target_claim_phase", [
  "Pending",
  "Bound",
  "Lost",
]);
export const deploymentTargetProvisioning = pgEnum("deployment_target_provisioning", [
  "dynamic",
  "static",
]);

export interface TDeploymentTargetClassParameters {
  /** ResourceQuota `hard` for provisioned namespaces. */
  quota?: TQuotaQuantities;
}

export const deploymentTargetClasses = pgTable(
  "deployment_target_class",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // DNS-1123 label.
    name: text("name").notNull().unique(),
    description: text("description").notNull().default(""),
    // Only "slipway.dev/namespace" today: a namespace on cluster_id.
    provisioner: text("provisioner").notNull().default("slipway.dev/namespace"),
    clusterId: uuid("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "restrict" }),
    reclaimPolicy: reclaimPolicy("reclaim_policy").notNull().default("Delete"),
    parameters: jsonb("parameters").$type<TDeploymentTargetClassParameters>().notNull().default({}),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("deployment_target_class_cluster_idx").on(t.clusterId),
    index("deployment_target_class_created_by_idx").on(t.createdBy),
  ],
);

export const deploymentTargets = pgTable(
  "deployment_target",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull().unique(),
    classId: uuid("class_id")
      .notNull()
      .references(() => deploymentTargetClasses.id, { onDelete: "restrict" }),
    clusterId: uuid("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "restrict" }),
    namespace: text("namespace").notNull(),
    provisioning: deploymentTargetProvisioning("provisioning").notNull(),
    phase: deploymentTargetPhase("phase").notNull().default("Pending"),
    // The ServiceAccount made in the namespace, and its sealed TokenRequest token.
    serviceAccount: text("service_account"),
    credentials: text("credentials"),
    credentialsKeyId: text("credentials_key_id"),
    tokenExpiresAt: timestamp("token_expires_at", { mode: "date", withTimezone: true }),
    ...reconciled(),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("deployment_target_class_phase_idx").on(t.classId, t.phase),
    index("deployment_target_cluster_idx").on(t.clusterId),
    index("deployment_target_created_by_idx").on(t.createdBy),
  ],
);

export const deploymentTargetClaims = pgTable(
  "deployment_target_claim",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "restrict" }),
    // DNS-1123 label, unique in the space.
    name: text("name").notNull(),
    classId: uuid("class_id")
      .notNull()
      .references(() => deploymentTargetClasses.id, { onDelete: "restrict" }),
    // The bound target; a target vanishing sets it null and the claim Lost.
    targetId: uuid("target_id").references(() => deploymentTargets.id, { onDelete: "set null" }),
    phase: deploymentTargetClaimPhase("phase").notNull().default("Pending"),
    ...reconciled(),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("deployment_target_claim_space_name_unique").on(t.spaceId, t.name),
    uniqueIndex("deployment_target_claim_target_unique").on(t.targetId),
    index("deployment_target_claim_class_idx").on(t.classId),
    index("deployment_target_claim_space_list_idx").on(t.spaceId, t.createdAt, t.id),
    index("deployment_target_claim_created_by_idx").on(t.createdBy),
  ],
);
