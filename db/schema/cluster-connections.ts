// A person's own connection to a cluster (issue 9): the tokens its identity provider issued them,
// sealed (server/crypto), so Slipway can act on the cluster as that person. One per user and
// cluster, gone with either. Only the connect flow and the token service open the tokens; the
// status columns beside them are what pages show.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { clusters } from "./clusters";
import { createdAt, updatedAt } from "./columns";

export const clusterConnectionState = pgEnum("cluster_connection_state", [
  "connected",
  // The refresh token was refused (revoked, expired): only the person can fix it, by connecting again.
  "reconnect_needed",
]);

/** What `tokens` opens to. */
export interface TConnectionTokens {
  /** OIDC: the ID token, which is the bearer the cluster checks. OpenShift OAuth: null. */
  idToken: string | null;
  accessToken: string;
  refreshToken: string | null;
}

const at = (name: string) => timestamp(name, { mode: "date", withTimezone: true, precision: 3 });

export const clusterConnections = pgTable(
  "cluster_connection",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clusterId: uuid("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    // A sealed JSON TConnectionTokens: one value, so the three are always replaced together.
    tokens: text("tokens").notNull(),
    // The key the tokens are sealed with: finds rows to re-seal.
    tokensKeyId: text("tokens_key_id").notNull(),
    // When the bearer the cluster checks (the ID token; OpenShift: the access token) expires.
    expiresAt: at("expires_at").notNull(),
    // The user and groups as the cluster sees them: the configured claims with their prefixes.
    username: text("username").notNull(),
    groups: text("groups")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    state: clusterConnectionState("state").notNull().default("connected"),
    // Whether a refresh token is held, so the sign-in is renewed before it expires without asking
    // (OpenShift's OAuth server, and issuers without offline access, give none).
    renewable: boolean("renewable").notNull().default(true),
    // Why a refresh failed, in plain words; null while connected.
    lastError: text("last_error"),
    lastUsedAt: at("last_used_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.clusterId] }),
    // ON DELETE CASCADE from cluster, and re-sealing by key.
    index("cluster_connection_cluster_idx").on(t.clusterId),
    index("cluster_connection_key_idx").on(t.tokensKeyId),
  ],
);

/**
 * One started "Connect": what the callback needs to finish it. Keyed by a hash of the `state`
 * sent to the provider (the state itself lives only in the browser's redirect), consumed with
 * DELETE … RETURNING so a replayed callback finds nothing. Lives ten minutes.
 */
export const clusterConnectAttempts = pgTable(
  "cluster_connect_attempt",
  {
    stateHash: text("state_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    clusterId: uuid("cluster_id")
      .notNull()
      .references(() => clusters.id, { onDelete: "cascade" }),
    // Sealed PKCE code verifier and its key.
    codeVerifier: text("code_verifier").notNull(),
    codeVerifierKeyId: text("code_verifier_key_id").notNull(),
    nonce: text("nonce").notNull(),
    // A same-site path (safeCallbackUrl) to come back to.
    returnPath: text("return_path").notNull(),
    expiresAt: at("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("cluster_connect_attempt_user_idx").on(t.userId),
    index("cluster_connect_attempt_cluster_idx").on(t.clusterId),
    check("cluster_connect_attempt_return_path", sql`${t.returnPath} like '/%'`),
  ],
);
