// Clusters an admin registered. Credentials are sealed with AES-256-GCM (server/crypto) and never
// leave the server; everything else here is safe to show admins, and name/labels/health to all.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, createdBy, reconciled, updatedAt } from "./columns";

export const clusterAuthKind = pgEnum("cluster_auth_kind", ["token", "client-certificate"]);

/** What the last connectivity check found (server/k8s probe). */
export interface TClusterProbe {
  checkedAt: string;
  /** gitVersion from /version, e.g. "v1.32.4". */
  serverVersion?: string;
  /** Whether argoproj.io/v1alpha1 Application is served. */
  argoCdApplicationServed?: boolean;
  /** SelfSubjectAccessReview answers for what environments need, e.g. { "create namespaces": true }. */
  permissions?: Record<string, boolean>;
  /** Plain words: "certificate signed by unknown authority", "401: the token was rejected". */
  error?: string;
}

/** ResourceQuota `hard` quantities, e.g. { "requests.cpu": "4", "limits.memory": "8Gi", pods: "20" }. */
export type TQuotaQuantities = Record<string, string>;

export const clusters = pgTable(
  "cluster",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // DNS-1123 label; Argo CD cluster Secrets and labels use it.
    name: text("name").notNull().unique(),
    displayName: text("display_name").notNull().default(""),
    description: text("description").notNull().default(""),
    // https:// only.
    apiUrl: text("api_url").notNull(),
    authKind: clusterAuthKind("auth_kind").notNull(),
    // A sealed JSON TClusterCredentials (token or client certificate and key, and the CA bundle).
    credentials: text("credentials").notNull(),
    // The key the credentials are sealed with (also inside the sealed value): finds rows to re-seal.
    credentialsKeyId: text("credentials_key_id").notNull(),
    credentialsRotatedAt: timestamp("credentials_rotated_at", { mode: "date", withTimezone: true }),
    insecureSkipTlsVerify: boolean("insecure_skip_tls_verify").notNull().default(false),
    // As in an Argo CD cluster Secret: the namespaces Slipway may use (empty: any), and whether it
    // may manage cluster-scoped resources (Namespaces need it).
    namespaces: text("namespaces")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    clusterResources: boolean("cluster_resources").notNull().default(true),
    // e.g. { region: "eu-west-1", purpose: "production" }.
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default({}),
    // Where Argo CD runs on this cluster; null when it has none.
    argoCdNamespace: text("argo_cd_namespace"),
    // Hub topology: the cluster whose Argo CD deploys here (its Applications live on the hub, aimed
    // at this cluster's API; the hub holds an Argo CD cluster Secret for it). Null: this cluster's
    // own Argo CD, if any. A hub cannot be deleted while it serves (restrict).
    hubClusterId: uuid("hub_cluster_id").references((): AnyPgColumn => clusters.id, {
      onDelete: "restrict",
    }),
    // Che / Dev Spaces dashboard, linked from dev environments' "Open workspace".
    workspaceUrl: text("workspace_url"),
    // The most an environment on this cluster may ask for.
    quotaCeilings: jsonb("quota_ceilings").$type<TQuotaQuantities>().notNull().default({}),
    // Cordoned: no new environments; existing ones keep reconciling.
    cordoned: boolean("cordoned").notNull().default(false),
    // The Kubernetes API test server registered by `npm run dev`: an emulated API that runs no workloads.
    emulated: boolean("emulated").notNull().default(false),
    probe: jsonb("probe").$type<TClusterProbe>(),
    ...reconciled(),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // created_by is indexed for ON DELETE SET NULL when a user is deleted; hub_cluster_id for a
  // hub's reconcile (its spokes) and the restrict check.
  (t) => [
    index("cluster_created_by_idx").on(t.createdBy),
    index("cluster_hub_cluster_idx").on(t.hubClusterId),
  ],
);
