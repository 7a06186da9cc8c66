// How people sign in to a cluster as themselves, mirroring the API server's own `--oidc-*` flags
// (or an OpenShift OAuth server). Its own table rather than columns on `cluster`: the reconciler and
// every cluster view read `cluster` on each pass, and the sign-in settings (with a sealed client
// secret) are needed only by the connect flow and this admin card; one row per cluster, gone with
// it. No row means "none": users act with the cluster's service credentials, Slipway's roles decide.
import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { clusters } from "./clusters";
import { createdAt, createdBy, updatedAt } from "./columns";

export const clusterUserSignInKind = pgEnum("cluster_user_sign_in_kind", ["oidc", "openshift"]);

export const clusterUserSignIns = pgTable(
  "cluster_user_sign_in",
  {
    clusterId: uuid("cluster_id")
      .primaryKey()
      .references(() => clusters.id, { onDelete: "cascade" }),
    kind: clusterUserSignInKind("kind").notNull(),
    // oidc: `--oidc-issuer-url` exactly as the API server trusts it; null for openshift (its
    // endpoints are discovered from the cluster's API URL).
    issuerUrl: text("issuer_url"),
    clientId: text("client_id").notNull(),
    // Sealed (server/crypto); null for a public client.
    clientSecret: text("client_secret"),
    // The key the secret is sealed with: finds rows to re-seal.
    clientSecretKeyId: text("client_secret_key_id"),
    scopes: text("scopes").notNull().default("openid email profile"),
    // `--oidc-username-claim` and `--oidc-username-prefix`; a null prefix is kube-apiserver's
    // default ("<issuer>#" unless the claim is email), "-" is none.
    usernameClaim: text("username_claim").notNull().default("sub"),
    usernamePrefix: text("username_prefix"),
    // `--oidc-groups-claim` (null: no groups) and `--oidc-groups-prefix`.
    groupsClaim: text("groups_claim"),
    groupsPrefix: text("groups_prefix"),
    // `--oidc-ca-file`'s content: PEM of the CA that signed the issuer's certificate; null: system roots.
    caData: text("ca_data"),
    createdBy: createdBy(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("cluster_user_sign_in_created_by_idx").on(t.createdBy),
    index("cluster_user_sign_in_key_idx").on(t.clientSecretKeyId),
    check(
      "cluster_user_sign_in_issuer_for_oidc",
      sql`(${t.kind} = 'oidc') = (${t.issuerUrl} is not null)`,
    ),
    check(
      "cluster_user_sign_in_secret_sealed",
      sql`(${t.clientSecret} is null) = (${t.clientSecretKeyId} is null)`,
    ),
  ],
);
