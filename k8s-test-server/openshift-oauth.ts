// OpenShift's integrated OAuth server, emulated: the authorization-code flow of openshift/oauth-server
// (osin fork) against an htpasswd-style identity provider, opaque `sha256~` access tokens stored
// under their hashed names as oauth-apiserver stores OAuthAccessTokens, and the authentication of
// those tokens as kube-apiserver's OAuth token authenticator does. HTTP glue is in
// openshift-oauth-http.ts, the login page in openshift-oauth-login.ts, the user-facing API
// (useroauthaccesstokens, users/~) in openshift-oauth-api.ts.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import {
  matchRedirectUriList,
  OAUTH_ERRORS,
  type OAuthErrorCode,
  PKCE_FORMAT,
  pkceTransform,
  scopeErrors,
  tokenObjectName,
  USER_SCOPES,
} from "./openshift-oauth-rules.js";
import { type UserInfo } from "./rbac.js";
import { SCOPES_EXTRA_KEY } from "./openshift-oauth-scopes.js";

export interface OpenShiftOAuthOptions {
  /** htpasswd-style identity provider: who may log in, and the Groups they are in. */
  users: { name: string; password: string; groups?: string[] }[];
  /** OAuthClient objects (oauth.openshift.io/v1): name = client_id. */
  clients: {
    name: string;
    /** None: a public client (it still sends an empty client_secret or `Basic <id>:`). */
    secret?: string;
    /** Matched as OpenShift does: same scheme and host, the path itself or a path below it. */
    redirectURIs: string[];
    /** Default 86400 (OpenShift's accessTokenMaxAgeSeconds); 0 = the token never expires. */
    accessTokenMaxAgeSeconds?: number;
  }[];
  /** Clock for code and token expiry (ms since epoch); Date.now by default. */
  now?: () => number;
}

/** What the test server's caller gets back (KubeTestServer.openshiftOAuth). */
export interface OpenShiftOAuthHandle {
  /** The OAuth server's issuer: the API server's URL. */
  readonly issuer: string;
  /** Deletes every access token of `user` (as `oc delete useroauthaccesstokens --all` would); returns how many. */
  revokeAllFor(user: string): number;
}

type Client = OpenShiftOAuthOptions["clients"][number];

/** The authorize request once client and redirect_uri are known good (osin's AuthorizeRequest). */
export interface AuthorizeRequest {
  client: Client;
  redirectUri: string;
  state: string;
  scope: string;
  codeChallenge: string;
  codeChallengeMethod: string;
}

export type AuthorizeOutcome =
  /** Client or redirect_uri unusable: osin answers 400 with a JSON error body, no redirect. */
  | { kind: "error"; status: 400; body: Record<string, string> }
  | { kind: "redirect"; location: string }
  | { kind: "login"; request: AuthorizeRequest };

interface CodeEntry extends AuthorizeRequest {
  userName: string;
  createdAt: number;
}

export interface AccessTokenEntry {
  name: string;
  uid: string;
  resourceVersion: string;
  userName: string;
  userUID: string;
  clientName: string;
  scopes: string[];
  redirectURI: string;
  createdAt: number;
  expiresIn: number;
}

export interface PersistedUser {
  name: string;
  uid: string;
  resourceVersion: string;
  createdAt: number;
}

/** OAuthClient accessTokenMaxAgeSeconds default (the OAuth cluster config's 24 h). */
const DEFAULT_ACCESS_TOKEN_MAX_AGE = 86400;
/** authorizeTokenMaxAgeSeconds as OpenShift 4 configures it: codes live 5 minutes. */
const AUTHORIZE_CODE_MAX_AGE_SECONDS = 300;

/** Constant-time comparison of secrets of any length (hashing evens the lengths out). */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** oauth-server's randomToken: 256 random bits, unpadded base64url, never a leading dash. */
function randomToken(): string {
  for (;;) {
    const t = randomBytes(32).toString("base64url");
    if (!t.startsWith("-")) return t;
  }
}

export function oauthError(
  error: OAuthErrorCode,
  description?: string,
  state?: string,
): Record<string, string> {
  return {
    error,
    error_description: description ?? OAUTH_ERRORS[error],
    ...(state ? { state } : {}),
  };
}

export function withQuery(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

export class OpenShiftOAuth implements OpenShiftOAuthHandle {
  issuer = "";
  private readonly users: Map<string, OpenShiftOAuthOptions["users"][number]>;
  private readonly clients: Map<string, Client>;
  private readonly codes = new Map<string, CodeEntry>();
  /** Access tokens by object name (the hash): the raw token is never stored, as upstream. */
  readonly tokens = new Map<string, AccessTokenEntry>();
  /** User objects, created at first login as the identity mapper provisions them. */
  readonly persistedUsers = new Map<string, PersistedUser>();
  private resourceVersion = 0;
  readonly now: () => number;

  constructor(options: OpenShiftOAuthOptions) {
    this.now = options.now ?? Date.now;
    this.users = new Map();
    for (const u of options.users) {
      if (!u.name || u.name.includes(":") || u.name === "~")
        throw new Error(`openshiftOAuth: ${JSON.stringify(u.name)} is not a valid user name`);
      if (this.users.has(u.name)) throw new Error(`openshiftOAuth: user ${u.name} given twice`);
      this.users.set(u.name, u);
    }
    this.clients = new Map();
    for (const c of options.clients) {
      if (this.clients.has(c.name)) throw new Error(`openshiftOAuth: client ${c.name} given twice`);
      this.clients.set(c.name, c);
    }
  }

  private nextResourceVersion(): string {
    this.resourceVersion += 1;
    return String(this.resourceVersion);
  }

  /** The `/.well-known/oauth-authorization-server` document OpenShift 4 serves (no revocation_endpoint). */
  metadata(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/oauth/authorize`,
      token_endpoint: `${this.issuer}/oauth/token`,
      scopes_supported: [...USER_SCOPES].sort(),
      response_types_supported: ["code", "token"],
      grant_types_supported: ["authorization_code", "implicit"],
      code_challenge_methods_supported: ["plain", "S256"],
    };
  }

  /** osin's HandleAuthorizeRequest, in its order: client, redirect_uri, response_type, PKCE. */
  authorize(params: URLSearchParams): AuthorizeOutcome {
    const state = params.get("state") ?? "";
    const client = this.clients.get(params.get("client_id") ?? "");
    if (!client || client.redirectURIs.length === 0)
      return {
        kind: "error",
        status: 400,
        body: oauthError("unauthorized_client", undefined, state),
      };
    const redirectUri = matchRedirectUriList(client.redirectURIs, params.get("redirect_uri") ?? "");
    if (!redirectUri)
      return { kind: "error", status: 400, body: oauthError("invalid_request", undefined, state) };
    const fail = (error: OAuthErrorCode, description?: string): AuthorizeOutcome => ({
      kind: "redirect",
      location: withQuery(redirectUri, oauthError(error, description, state)),
    });
    // Implicit (response_type=token) is served by OpenShift but not emulated (see README).
    if (params.get("response_type") !== "code") return fail("unsupported_response_type");
    const codeChallenge = params.get("code_challenge") ?? "";
    let codeChallengeMethod = "";
    if (codeChallenge) {
      codeChallengeMethod = params.get("code_challenge_method") || "plain";
      if (codeChallengeMethod !== "plain" && codeChallengeMethod !== "S256")
        return fail(
          "invalid_request",
          "code_challenge_method transform algorithm not supported (rfc7636)",
        );
      if (!PKCE_FORMAT.test(codeChallenge))
        return fail("invalid_request", "code_challenge invalid (rfc7636)");
    }
    const request: AuthorizeRequest = {
      client,
      redirectUri,
      state,
      scope: params.get("scope") ?? "",
      codeChallenge,
      codeChallengeMethod,
    };
    return { kind: "login", request };
  }

  /** The htpasswd check: the user, or undefined for a wrong name or password. */
  checkPassword(name: string, password: string): string | undefined {
    const user = this.users.get(name);
    return user && sameSecret(user.password, password) ? user.name : undefined;
  }

  /**
   * After a successful login: the grant check (scopes; grant method "auto", so no approval page)
   * and the code. Returns the redirect the browser follows, with `code` and `state` or an error.
   */
  grant(request: AuthorizeRequest, userName: string): string {
    this.provisionUser(userName);
    const scopes = request.scope.split(" ").filter(Boolean);
    // OpenShift gives an unscoped request the full scope.
    if (scopes.length === 0) scopes.push("user:full");
    const invalid = scopeErrors(scopes);
    if (invalid)
      return withQuery(request.redirectUri, oauthError("invalid_scope", invalid, request.state));
    const code = `sha256~${randomToken()}`;
    this.codes.set(tokenObjectName(code), {
      ...request,
      scope: scopes.join(" "),
      userName,
      createdAt: this.now(),
    });
    return withQuery(request.redirectUri, { code, state: request.state });
  }

  private provisionUser(name: string): PersistedUser {
    let user = this.persistedUsers.get(name);
    if (!user) {
      user = {
        name,
        uid: randomUUID(),
        resourceVersion: this.nextResourceVersion(),
        createdAt: this.now(),
      };
      this.persistedUsers.set(name, user);
    }
    return user;
  }

  /**
   * `POST /oauth/token`, osin's HandleAccessRequest + FinishAccessRequest for the
   * authorization_code grant. Every error is 400 (OpenShift sets osin's ErrorStatusCode so).
   */
  token(
    form: URLSearchParams,
    authorization: string | undefined,
  ): {
    status: number;
    body: Record<string, unknown>;
  } {
    const fail = (error: OAuthErrorCode, description?: string) => ({
      status: 400,
      body: oauthError(error, description),
    });
    const grantType = form.get("grant_type") ?? "";
    const known = [
      "authorization_code",
      "refresh_token",
      "password",
      "client_credentials",
      "assertion",
    ];
    if (!known.includes(grantType)) return fail("unsupported_grant_type");
    const auth = clientAuth(form, authorization);
    if (!auth) return fail("invalid_request");
    if (grantType !== "authorization_code") {
      // OpenShift accepts these grant types in osin but never grants them: refresh tokens are
      // never issued (their storage is "not implemented") and the other authenticators deny.
      if (!this.authenticClient(auth)) return fail("unauthorized_client");
      return fail(grantType === "refresh_token" ? "invalid_grant" : "access_denied");
    }
    const code = form.get("code") ?? "";
    if (!code) return fail("invalid_grant");
    const client = this.authenticClient(auth);
    if (!client) return fail("unauthorized_client");
    const codeName = tokenObjectName(code);
    const entry = this.codes.get(codeName);
    // A spent or unknown code is "not found" in storage, which osin reports as unauthorized_client.
    if (!entry) return fail("unauthorized_client");
    if (this.now() > entry.createdAt + AUTHORIZE_CODE_MAX_AGE_SECONDS * 1000)
      return fail("invalid_grant");
    if (entry.client.name !== client.name) return fail("invalid_grant");
    const redirectUri = matchRedirectUriList(client.redirectURIs, form.get("redirect_uri") ?? "");
    if (!redirectUri || redirectUri !== entry.redirectUri) return fail("invalid_request");
    if (entry.codeChallenge) {
      const verifier = form.get("code_verifier") ?? "";
      if (!PKCE_FORMAT.test(verifier)) return fail("invalid_request");
      if (pkceTransform(verifier, entry.codeChallengeMethod) !== entry.codeChallenge)
        return fail("invalid_grant");
    }
    this.codes.delete(codeName);
    const accessToken = `sha256~${randomToken()}`;
    const expiresIn = client.accessTokenMaxAgeSeconds ?? DEFAULT_ACCESS_TOKEN_MAX_AGE;
    const user = this.provisionUser(entry.userName);
    this.tokens.set(tokenObjectName(accessToken), {
      name: tokenObjectName(accessToken),
      uid: randomUUID(),
      resourceVersion: this.nextResourceVersion(),
      userName: user.name,
      userUID: user.uid,
      clientName: client.name,
      scopes: entry.scope.split(" "),
      redirectURI: entry.redirectUri,
      createdAt: this.now(),
      expiresIn,
    });
    return {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: "Bearer",
        expires_in: expiresIn,
        scope: entry.scope,
      },
    };
  }

  private authenticClient(auth: { id: string; secret: string }): Client | undefined {
    const client = this.clients.get(auth.id);
    if (!client || !sameSecret(client.secret ?? "", auth.secret)) return undefined;
    return client.redirectURIs.length > 0 ? client : undefined;
  }

  /** A live token entry (undefined once expired or deleted); expired ones are dropped. */
  liveToken(name: string): AccessTokenEntry | undefined {
    const entry = this.tokens.get(name);
    if (!entry) return undefined;
    if (entry.expiresIn > 0 && this.now() > entry.createdAt + entry.expiresIn * 1000) {
      this.tokens.delete(name);
      return undefined;
    }
    return entry;
  }

  /**
   * The user of a `sha256~` bearer token, with the groups OpenShift's token authenticator gives:
   * the user's Groups, then system:authenticated:oauth (kube-apiserver adds system:authenticated).
   */
  authenticate(token: string): UserInfo | undefined {
    if (!token.startsWith("sha256~")) return undefined;
    const entry = this.liveToken(tokenObjectName(token));
    const user = entry && this.users.get(entry.userName);
    if (!entry || !user) return undefined;
    return {
      name: entry.userName,
      uid: entry.userUID,
      groups: [...(user.groups ?? []), "system:authenticated:oauth", "system:authenticated"],
      extra: { [SCOPES_EXTRA_KEY]: entry.scopes },
    };
  }

  revokeAllFor(user: string): number {
    let n = 0;
    for (const [name, entry] of this.tokens) {
      if (entry.userName !== user) continue;
      this.tokens.delete(name);
      n += 1;
    }
    return n;
  }
}

/**
 * osin's getClientAuth: client_id + client_secret in the body (the secret may be empty, but it must
 * be there), else HTTP Basic. Neither is "Client authentication not sent" (invalid_request), even
 * for a public client.
 */
function clientAuth(
  form: URLSearchParams,
  authorization: string | undefined,
): { id: string; secret: string } | undefined {
  if (form.has("client_secret") && form.get("client_id"))
    return { id: form.get("client_id") ?? "", secret: form.get("client_secret") ?? "" };
  const basic = authorization?.match(/^Basic (.*)$/)?.[1];
  if (basic === undefined) return undefined;
  const pair = Buffer.from(basic, "base64").toString("utf8");
  const colon = pair.indexOf(":");
  if (colon < 0) return undefined;
  try {
    return {
      id: decodeURIComponent(pair.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(pair.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return undefined;
  }
}
