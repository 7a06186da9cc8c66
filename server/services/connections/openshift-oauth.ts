// A cluster whose people sign in through OpenShift's OAuth server (issue 9). Unlike an OIDC issuer
// it is announced by the API server itself (`/.well-known/oauth-authorization-server`), gives opaque
// `sha256~…` access tokens and no ID token or refresh token, and says nothing about who the token
// belongs to: the cluster does (a SelfSubjectReview with the token). Tokens end by deleting their
// `useroauthaccesstokens` object, as `oc logout` does; OpenShift offers no RFC 7009 revocation.
import { createHash } from "node:crypto";
import { rootCertificates } from "node:tls";
import { CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import * as oauth from "oauth4webapi";
import type { TClusterConnection } from "@/server/k8s/connection";
import { openSecret } from "@/server/crypto/secret-box";
import type { TClusterSignInRow } from "../cluster-sign-in/sign-in-row";
import { fetchIssuerJson } from "../cluster-sign-in/fetch-issuer-json";
import { issuerRequestOptions } from "./issuer-fetch";
import { personKubeConfig, selfSubjectReview } from "./person-connection";

export type TOpenShiftSignIn = TClusterSignInRow & { kind: "openshift" };

export interface TOpenShiftOAuth {
  kind: "openshift";
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  options: ReturnType<typeof issuerRequestOptions>;
  signIn: TOpenShiftSignIn;
}

export function isOpenShiftSignIn(row: TClusterSignInRow | undefined): row is TOpenShiftSignIn {
  return row?.kind === "openshift";
}

/** Where the API server announces its OAuth server. */
export function openShiftDiscoveryUrl(apiUrl: string): string {
  return `${apiUrl.replace(/\/$/, "")}/.well-known/oauth-authorization-server`;
}

/**
 * The OAuth server's endpoints, read from the API server with the cluster's own TLS settings.
 * Throws an Error whose message says what went wrong.
 */
export async function openOpenShiftOAuth(
  api: TClusterConnection,
  signIn: TOpenShiftSignIn,
): Promise<TOpenShiftOAuth> {
  const discoveryUrl = openShiftDiscoveryUrl(api.apiUrl);
  const found = await fetchIssuerJson(discoveryUrl, {
    caData: api.credentials.caData ?? null,
    insecureSkipTlsVerify: api.insecureSkipTlsVerify,
    speaker: "the API server",
  });
  if (!found.ok)
    throw new Error(`the cluster's OAuth server could not be found (${found.problem})`);
  const doc = found.body;
  const issuer = typeof doc.issuer === "string" ? doc.issuer : "";
  const authorization =
    typeof doc.authorization_endpoint === "string" ? doc.authorization_endpoint : "";
  const token = typeof doc.token_endpoint === "string" ? doc.token_endpoint : "";
  if (!URL.canParse(issuer) || !URL.canParse(authorization) || !URL.canParse(token))
    throw new Error(
      `${discoveryUrl} does not name the OAuth server's issuer, authorization and token endpoints`,
    );
  return {
    kind: "openshift",
    as: { issuer, authorization_endpoint: authorization, token_endpoint: token },
    client: { client_id: signIn.clientId },
    clientAuth: signIn.clientSecret
      ? oauth.ClientSecretBasic(openSecret(signIn.clientSecret))
      : publicClientAuth,
    options: issuerRequestOptions(token, oauthServerTrust(api, signIn), api.insecureSkipTlsVerify),
    signIn,
  };
}

/**
 * OpenShift's token endpoint wants client authentication even from a public client (osin refuses
 * a request with only `client_id`): an empty `client_secret` in the body is how `oc` sends it.
 */
const publicClientAuth: oauth.ClientAuth = (_as, client, body) => {
  body.set("client_id", client.client_id);
  body.set("client_secret", "");
};

/**
 * The OAuth server usually runs behind the cluster's router (`oauth-openshift.apps.…`), whose
 * certificate need not be signed by the API server's CA: the CA the admin gave for it, else the
 * cluster's CA next to the system roots (a publicly trusted router certificate keeps working).
 */
function oauthServerTrust(api: TClusterConnection, signIn: TOpenShiftSignIn): string[] | null {
  if (signIn.caData) return [signIn.caData];
  const clusterCa = api.credentials.caData;
  return clusterCa ? [clusterCa, ...rootCertificates] : null;
}

/** Who the cluster takes the token's bearer to be, and their groups, as it says itself. */
export async function openShiftIdentity(
  kubeConfig: KubeConfig,
): Promise<{ username: string; groups: string[] }> {
  const review = await selfSubjectReview(kubeConfig);
  const user = review.status?.userInfo;
  if (!user?.username) throw new Error("the cluster's SelfSubjectReview named no user");
  // Every authenticated user is in these; listing them tells the person nothing.
  const implied = new Set(["system:authenticated", "system:authenticated:oauth"]);
  return { username: user.username, groups: (user.groups ?? []).filter((g) => !implied.has(g)) };
}

/**
 * The name of a token's `oauthaccesstokens` object: OpenShift stores only a hash of a `sha256~`
 * token, named `sha256~` + unpadded base64url of the SHA-256 of the part after the prefix.
 */
export function openShiftTokenObjectName(token: string): string {
  const prefix = "sha256~";
  if (!token.startsWith(prefix)) return token;
  return prefix + createHash("sha256").update(token.slice(prefix.length)).digest("base64url");
}

/** `oc logout`: the person deletes their own token; afterwards the cluster refuses it. */
export async function deleteOpenShiftToken(
  api: TClusterConnection,
  accessToken: string,
): Promise<void> {
  await personKubeConfig(api, accessToken)
    .makeApiClient(CustomObjectsApi)
    .deleteClusterCustomObject({
      group: "oauth.openshift.io",
      version: "v1",
      plural: "useroauthaccesstokens",
      name: openShiftTokenObjectName(accessToken),
    });
}
