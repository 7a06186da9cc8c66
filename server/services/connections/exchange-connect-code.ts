// The connect callback's exchange: the authorization code (with the PKCE verifier) for tokens, and
// who the cluster will take their bearer to be. An OIDC issuer's ID token is checked (signature
// against its keys, iss, aud = the cluster's client id, nonce, exp) and names the person by the
// cluster's claim rules; OpenShift's opaque token is shown to the cluster itself, which names them.
import * as oauth from "oauth4webapi";
import type { TConnectionTokens } from "@/db/schema";
import { explainKubernetesError } from "@/server/k8s/explain-error";
import { connectionOfRow, type TConnectionRow } from "../clusters/cluster-credentials";
import { describeOauthError, type TClusterProvider } from "./cluster-issuer";
import { clusterIdentity } from "./cluster-identity";
import { openShiftTokensFromResponse, tokensFromResponse } from "./connection-tokens";
import { openShiftIdentity } from "./openshift-oauth";
import { personKubeConfig } from "./person-connection";

export interface TCodeExchange {
  /** The callback's query parameters, as the identity provider sent them. */
  params: URLSearchParams;
  redirectUri: string;
  verifier: string;
  nonce: string;
}

export type TExchanged =
  | {
      ok: true;
      tokens: TConnectionTokens;
      expiresAt: Date;
      username: string;
      groups: string[];
    }
  /** `problem` finishes "Could not connect to "<cluster>": …". */
  | { ok: false; problem: string };

export async function exchangeConnectCode(
  cluster: TConnectionRow,
  provider: TClusterProvider,
  exchange: TCodeExchange,
): Promise<TExchanged> {
  let response: oauth.TokenEndpointResponse;
  try {
    response = await requestTokens(provider, exchange);
  } catch (error) {
    return {
      ok: false,
      problem: `the identity provider's answer was refused (${describeOauthError(error)})`,
    };
  }
  if (provider.kind === "oidc") {
    const issued = tokensFromResponse(response);
    const identity = clusterIdentity(issued.claims, provider.signIn);
    if (!identity.ok) return identity;
    const { tokens, expiresAt } = issued;
    return { ok: true, tokens, expiresAt, username: identity.username, groups: identity.groups };
  }
  const issued = openShiftTokensFromResponse(response, new Date());
  try {
    const asPerson = personKubeConfig(connectionOfRow(cluster), response.access_token);
    return { ok: true, ...issued, ...(await openShiftIdentity(asPerson)) };
  } catch (error) {
    return {
      ok: false,
      problem: `the cluster did not say who the new token belongs to (${explainKubernetesError(error).message})`,
    };
  }
}

async function requestTokens(
  provider: TClusterProvider,
  exchange: TCodeExchange,
): Promise<oauth.TokenEndpointResponse> {
  const { as, client, clientAuth, options } = provider;
  // Checks `iss` in the answer where the provider sends one (RFC 9207) and turns an `error`
  // parameter into an exception.
  const params = oauth.validateAuthResponse(as, client, exchange.params, oauth.skipStateCheck);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    clientAuth,
    params,
    exchange.redirectUri,
    exchange.verifier,
    options,
  );
  if (provider.kind === "openshift")
    return oauth.processAuthorizationCodeResponse(as, client, response);
  const processed = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: exchange.nonce,
    requireIdToken: true,
  });
  // The cluster verifies the signature against the issuer's keys; so does Slipway, before storing.
  await oauth.validateApplicationLevelSignature(as, response, options);
  return processed;
}
