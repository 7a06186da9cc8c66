// What of a cluster's user sign-in settings may leave the server: everything but the sealed client
// secret and its key id, of which only "is one set" is told.
import type { clusterUserSignIns } from "@/db/schema";
import { effectiveUsernamePrefix } from "@/lib/validators/cluster-sign-in";

export type TClusterSignInRow = typeof clusterUserSignIns.$inferSelect;

export type TClusterSignInView =
  | { kind: "none" }
  | {
      kind: "oidc" | "openshift";
      issuerUrl: string | null;
      clientId: string;
      clientSecretSet: boolean;
      scopes: string;
      usernameClaim: string;
      usernamePrefix: string | null;
      /** What the API server puts before the claim, kube-apiserver's default applied. */
      effectiveUsernamePrefix: string;
      groupsClaim: string | null;
      groupsPrefix: string | null;
      caData: string | null;
      updatedAt: Date;
    };

export function clusterSignInView(row: TClusterSignInRow | undefined): TClusterSignInView {
  if (!row) return { kind: "none" };
  return {
    kind: row.kind,
    issuerUrl: row.issuerUrl,
    clientId: row.clientId,
    clientSecretSet: row.clientSecret !== null,
    scopes: row.scopes,
    usernameClaim: row.usernameClaim,
    usernamePrefix: row.usernamePrefix,
    effectiveUsernamePrefix: effectiveUsernamePrefix(
      row.issuerUrl ?? "",
      row.usernameClaim,
      row.usernamePrefix,
    ),
    groupsClaim: row.groupsClaim,
    groupsPrefix: row.groupsPrefix,
    caData: row.caData,
    updatedAt: row.updatedAt,
  };
}

/** The audit record: the settings and whether a secret is set, never the secret. */
export function clusterSignInAuditView(row: TClusterSignInRow | undefined) {
  const view = clusterSignInView(row);
  if (view.kind === "none") return view;
  const { updatedAt: _updatedAt, ...settings } = view;
  return settings;
}
