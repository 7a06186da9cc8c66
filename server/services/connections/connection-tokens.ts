// The tokens of a connection: taken from a token response, sealed into one value, opened again.
import * as oauth from "oauth4webapi";
import type { TConnectionTokens } from "@/db/schema";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";

export interface TIssuedTokens {
  tokens: TConnectionTokens;
  claims: Record<string, unknown>;
  /** The ID token's `exp`: the cluster refuses it afterwards. */
  expiresAt: Date;
}

/** From a processed (claims already validated) token response that carried an ID token. */
export function tokensFromResponse(
  response: oauth.TokenEndpointResponse,
  previousRefreshToken: string | null = null,
): TIssuedTokens {
  const claims = oauth.getValidatedIdTokenClaims(response);
  if (!response.id_token || !claims) throw new Error("the identity provider sent no ID token");
  return {
    tokens: {
      idToken: response.id_token,
      accessToken: response.access_token,
      // A provider that does not rotate refresh tokens sends none on refresh: keep the old one.
      refreshToken: response.refresh_token ?? previousRefreshToken,
    },
    claims,
    expiresAt: new Date(claims.exp * 1000),
  };
}

/**
 * An OpenShift OAuth token response: an opaque access token, which is the bearer, and no ID or
 * refresh token.
 */
export function openShiftTokensFromResponse(
  response: oauth.TokenEndpointResponse,
  now: Date,
): Omit<TIssuedTokens, "claims"> {
  // 0 (or nothing) is what an OAuthClient with accessTokenMaxAgeSeconds: 0 gives: no expiry.
  const lifetimeS = response.expires_in || NEVER_EXPIRES_S;
  return {
    tokens: { idToken: null, accessToken: response.access_token, refreshToken: null },
    expiresAt: new Date(now.getTime() + lifetimeS * 1000),
  };
}

/** "Does not expire", as a date a page can still show: a hundred years. */
const NEVER_EXPIRES_S = 100 * 365 * 24 * 3600;

/** What the cluster checks: the ID token where there is one, else the access token. */
export function bearerOf(tokens: TConnectionTokens): string {
  return tokens.idToken ?? tokens.accessToken;
}

export function sealTokens(tokens: TConnectionTokens): { tokens: string; tokensKeyId: string } {
  const { sealed, keyId } = sealSecret(JSON.stringify(tokens));
  return { tokens: sealed, tokensKeyId: keyId };
}

export function openTokens(sealed: string): TConnectionTokens {
  return JSON.parse(openSecret(sealed)) as TConnectionTokens;
}
