// Who a cluster takes an ID token's bearer to be: kube-apiserver's `--oidc-username-claim`,
// `--oidc-username-prefix`, `--oidc-groups-claim` and `--oidc-groups-prefix` rules, applied to the
// token's claims, so Slipway shows the same name the cluster's RBAC will see.
import { effectiveUsernamePrefix } from "@/lib/validators/cluster-sign-in";

export interface TIdentitySettings {
  issuerUrl: string;
  usernameClaim: string;
  usernamePrefix: string | null;
  groupsClaim: string | null;
  groupsPrefix: string | null;
}

export type TClusterIdentity =
  { ok: true; username: string; groups: string[] } | { ok: false; problem: string };

export function clusterIdentity(
  claims: Record<string, unknown>,
  settings: TIdentitySettings,
): TClusterIdentity {
  const value = claims[settings.usernameClaim];
  if (typeof value !== "string" || value === "")
    return {
      ok: false,
      problem: `the ID token has no "${settings.usernameClaim}" claim, which the cluster takes the username from`,
    };
  // As kube-apiserver: an email that the issuer says is not verified is not a username.
  if (settings.usernameClaim === "email" && claims.email_verified === false)
    return { ok: false, problem: "the issuer says this email address is not verified" };
  const prefix = effectiveUsernamePrefix(
    settings.issuerUrl,
    settings.usernameClaim,
    settings.usernamePrefix,
  );
  const raw = settings.groupsClaim ? claims[settings.groupsClaim] : undefined;
  const groups = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw : [];
  return {
    ok: true,
    username: `${prefix}${value}`,
    groups: groups
      .filter((g): g is string => typeof g === "string")
      .map((g) => `${settings.groupsPrefix ?? ""}${g}`),
  };
}
