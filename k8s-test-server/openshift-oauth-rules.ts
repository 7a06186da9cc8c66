// The request checks of OpenShift's OAuth server (openshift/oauth-server on its osin fork), read
// from upstream and written anew: how a redirect_uri is matched against an OAuthClient's
// redirectURIs, what a PKCE challenge and verifier must look like, and which scopes exist.
import { createHash } from "node:crypto";

/** osin's error codes and the fixed descriptions it sends with them (error_description). */
export const OAUTH_ERRORS = {
  invalid_request:
    "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.",
  unauthorized_client: "The client is not authorized to request a token using this method.",
  access_denied: "The resource owner or authorization server denied the request.",
  unsupported_response_type:
    "The authorization server does not support obtaining a token using this method.",
  invalid_scope: "The requested scope is invalid, unknown, or malformed.",
  unsupported_grant_type:
    "The authorization grant type is not supported by the authorization server.",
  invalid_grant:
    "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
} as const;
export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

function isLoopbackIp(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === "[::1]";
}

/**
 * osin's ValidateUri: same scheme, same host (a registered loopback `http` URI without a port
 * matches any port), and a path that is the registered one or below it (`/cb` allows `/cb/x`,
 * never `/cbx`). Neither may carry a fragment. The redirect's own query is kept. Returns the
 * normalised URI the code is bound to, or undefined when it does not match.
 */
export function matchRedirectUri(registered: string, requested: string): string | undefined {
  const base = parse(registered);
  const redirect = parse(requested);
  if (!base || !redirect || !registered || !requested) return undefined;
  if (base.hash || redirect.hash || registered.includes("#") || requested.includes("#"))
    return undefined;
  if (base.protocol !== redirect.protocol) return undefined;
  const hostMatches =
    base.host === redirect.host ||
    (base.protocol === "http:" &&
      base.port === "" &&
      isLoopbackIp(base.hostname) &&
      isLoopbackIp(redirect.hostname));
  if (!hostMatches) return undefined;
  const normalised = `${redirect.protocol}//${redirect.host}${redirect.pathname}${redirect.search}`;
  if (base.pathname === redirect.pathname) return normalised;
  const requiredPrefix = `${base.pathname.replace(/\/+$/, "")}/`;
  return redirect.pathname.startsWith(requiredPrefix) ? normalised : undefined;
}

/** osin's ValidateUriList over an OAuthClient's redirectURIs; the first that matches wins. */
export function matchRedirectUriList(registered: string[], requested: string): string | undefined {
  // An omitted redirect_uri means the client's only one (osin uses the first of a single-entry list).
  const uri = requested || (registered.length === 1 ? (registered[0] ?? "") : "");
  for (const r of registered) {
    const matched = matchRedirectUri(r, uri);
    if (matched) return matched;
  }
  return undefined;
}

/** RFC 7636's code_challenge / code_verifier alphabet and length, as osin checks both. */
export const PKCE_FORMAT = /^[a-zA-Z0-9~._-]{43,128}$/;

export function pkceTransform(verifier: string, method: string): string {
  return method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
}

/** The user:* scopes (library-go's UserEvaluator); discovery lists them sorted. */
export const USER_SCOPES = new Set([
  "user:full",
  "user:info",
  "user:check-access",
  "user:list-scoped-projects",
  "user:list-projects",
]);

/**
 * library-go's scopemetadata.ValidateScopes: every scope needs a handler (the user:* scopes, or
 * `role:<clusterrole>:<namespace>[:!]`) and only RFC 6749 scope characters. Returns the
 * aggregated field errors OpenShift puts in error_description, or undefined when all are valid.
 */
export function scopeErrors(scopes: string[]): string | undefined {
  const errs: string[] = [];
  scopes.forEach((scope, i) => {
    const bad = [...scope].find((ch) => !/[!#-[\]-~]/.test(ch));
    if (bad !== undefined) {
      errs.push(
        `[${i}]: Invalid value: ${JSON.stringify(scope)}: ${bad.codePointAt(0)} not allowed`,
      );
      return;
    }
    if (USER_SCOPES.has(scope) || /^role:[^:]+:[^:]+(:!)?$/.test(scope)) return;
    errs.push(`[${i}]: Invalid value: ${JSON.stringify(scope)}: no scope handler found`);
  });
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
}

/** OpenShift's token object name: `sha256~` + unpadded base64url(sha256(token without the prefix)). */
export function tokenObjectName(token: string): string {
  if (!token.startsWith("sha256~")) return token;
  const digest = createHash("sha256").update(token.slice("sha256~".length)).digest("base64url");
  return `sha256~${digest}`;
}
