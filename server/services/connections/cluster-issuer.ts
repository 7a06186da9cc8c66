// A cluster's identity provider as oauth4webapi sees it: discovery fetched with the configured CA,
// and Slipway as the client the admin registered (its secret opened only here). OpenShift's OAuth
// server is the other kind (openshift-oauth.ts).
import * as oauth from "oauth4webapi";
import type { TClusterSignInRow } from "../cluster-sign-in/sign-in-row";
import { openSecret } from "@/server/crypto/secret-box";
import { connectionOfRow, type TConnectionRow } from "../clusters/cluster-credentials";
import { issuerRequestOptions } from "./issuer-fetch";
import { isOpenShiftSignIn, openOpenShiftOAuth, type TOpenShiftOAuth } from "./openshift-oauth";

export interface TClusterIssuer {
  kind: "oidc";
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  options: ReturnType<typeof issuerRequestOptions>;
  signIn: TOidcSignIn;
}

export type TOidcSignIn = TClusterSignInRow & { kind: "oidc"; issuerUrl: string };

export function isOidcSignIn(row: TClusterSignInRow | undefined): row is TOidcSignIn {
  return row?.kind === "oidc" && row.issuerUrl !== null;
}

/** Discovery for the cluster's issuer; throws an Error whose message says what went wrong. */
export async function openClusterIssuer(signIn: TOidcSignIn): Promise<TClusterIssuer> {
  const options = issuerRequestOptions(signIn.issuerUrl, signIn.caData);
  const issuer = new URL(signIn.issuerUrl);
  let as: oauth.AuthorizationServer;
  try {
    const response = await oauth.discoveryRequest(issuer, options);
    as = await oauth.processDiscoveryResponse(issuer, response);
  } catch (error) {
    throw new Error(
      `the identity provider at ${signIn.issuerUrl} could not be asked for its settings (${describeOauthError(error)})`,
    );
  }
  return {
    kind: "oidc",
    as,
    client: { client_id: signIn.clientId },
    clientAuth: signIn.clientSecret
      ? oauth.ClientSecretBasic(openSecret(signIn.clientSecret))
      : oauth.None(),
    options,
    signIn,
  };
}

/** Either way people sign in to a cluster: an OIDC issuer, or OpenShift's OAuth server. */
export type TClusterProvider = TClusterIssuer | TOpenShiftOAuth;

/** The provider a sign-in row names; throws an Error whose message says what went wrong. */
export async function openClusterProvider(
  cluster: TConnectionRow,
  signIn: TClusterSignInRow,
): Promise<TClusterProvider> {
  if (isOidcSignIn(signIn)) return openClusterIssuer(signIn);
  if (isOpenShiftSignIn(signIn)) return openOpenShiftOAuth(connectionOfRow(cluster), signIn);
  throw new Error(`the sign-in settings are incomplete`);
}

/** Plain words for what oauth4webapi or the provider said. */
export function describeOauthError(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError)
    return error.error_description ? `${error.error}: ${error.error_description}` : error.error;
  if (error instanceof oauth.WWWAuthenticateChallengeError) return error.message;
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code =
      (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
    if (code === "ECONNREFUSED") return "connection refused: is it running?";
    return error.message;
  }
  return String(error);
}
