// The cluster connect flow's fixed redirect path (issue 9), shared by the route handler, the
// services that build the redirect URI and the development provider that registers it.

/**
 * The one fixed redirect URI of the cluster connect flow, whatever cluster or page the user
 * connects from: the page to return to travels in server-side state, never in the URI.
 */
export const CLUSTER_CONNECT_CALLBACK_PATH = "/api/connections/callback";

/** Where "Connect" starts: a same-site page to come back to rides along as `returnTo`. */
export function connectHref(clusterName: string, returnTo: string): string {
  return `/api/connections/start?${new URLSearchParams({ cluster: clusterName, returnTo })}`;
}
