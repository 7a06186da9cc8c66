// Shared by the development identity provider and the Auth.js provider that talks to it.

/** The Auth.js provider id of the development provider (callback path /api/auth/callback/dev). */
export const DEV_PROVIDER_ID = "dev";
export const DEV_PROVIDER_NAME = "Slipway development login";
export const DEV_OIDC_CLIENT_ID = "slipway-dev";
/** Development only; the provider never runs in production. */
export const DEV_OIDC_CLIENT_SECRET = "slipway-dev-secret";

export function devOidcIssuer(port: number, scheme: "http" | "https" = "http"): string {
  return `${scheme}://localhost:${port}`;
}

/** Redirect URIs Slipway at `slipwayUrl` uses: the dev provider's callback and, optionally, the generic OIDC one. */
export function devOidcRedirectUris(
  slipwayUrl: string,
  providerIds: string[] = [DEV_PROVIDER_ID],
): string[] {
  const base = slipwayUrl.replace(/\/+$/, "");
  return providerIds.map((id) => `${base}/api/auth/callback/${id}`);
}

/**
 * The development provider's second client: the one a user connects a cluster with (the sandbox's
 * `--oidc-client-id`, so it is the audience of the ID tokens the sandbox accepts). Separate from
 * the sign-in client so the cluster trusts only tokens minted for it.
 */
export const DEV_CLUSTER_OIDC_CLIENT_ID = "slipway-clusters";
/** Development only; the provider never runs in production. */
export const DEV_CLUSTER_OIDC_CLIENT_SECRET = "slipway-clusters-secret";

export { CLUSTER_CONNECT_CALLBACK_PATH } from "@/lib/cluster-connect";
