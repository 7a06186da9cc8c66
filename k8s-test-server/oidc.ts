// OIDC ID tokens as bearer tokens, the way kube-apiserver's `--oidc-*` flags configure its OIDC
// authenticator (k8s.io/apiserver plugin/pkg/authenticator/token/oidc, with go-oidc's verifier):
// a token is considered only when its unverified `iss` names a configured issuer; it must then be
// signed by one of the issuer's keys with an allowed algorithm, list the client id in `aud`, be
// unexpired (`nbf` gets 5 minutes of leeway, `exp` none), carry the required claims, and — when
// the username claim is `email` — not say `email_verified: false`. Why a token was refused goes to
// the log only: clients see a bare 401, as from a real cluster.
import { IssuerKeys } from "./oidc-keys.js";
import { type JsonObject } from "./json.js";
import { parseJwt, SUPPORTED_SIGNING_ALGS, verifyJwtSignature } from "./jwt.js";
import { type UserInfo } from "./rbac.js";

/** One trusted issuer; the fields mirror kube-apiserver's `--oidc-*` flags. */
export interface OidcIssuerOptions {
  /** `--oidc-issuer-url`: must equal the tokens' `iss` exactly. https unless allowInsecureIssuer. */
  issuerUrl: string;
  /** `--oidc-client-id`: the audience tokens must be issued for. */
  clientId: string;
  /** `--oidc-username-claim`, default `sub`. */
  usernameClaim?: string;
  /**
   * `--oidc-username-prefix`. Unset: `<issuerUrl>#` for every claim but `email` (kube-apiserver's
   * default, so that `sub`s of different issuers cannot collide; "" is the same); `-` means no prefix.
   */
  usernamePrefix?: string;
  /** `--oidc-groups-claim`: a string or an array of strings in the token; none when unset. */
  groupsClaim?: string;
  /** `--oidc-groups-prefix`. */
  groupsPrefix?: string;
  /** `--oidc-ca-file`'s content: the CA that signed the issuer's serving certificate. */
  caPem?: string;
  /** `--oidc-required-claim`: claims that must be present with exactly these values. */
  requiredClaims?: Record<string, string>;
  /** `--oidc-signing-algs`, default `["RS256"]`. */
  signingAlgs?: string[];
  /**
   * Fetch discovery and keys over plain http (e.g. the development OpenID provider on
   * http://localhost). kube-apiserver refuses a non-https issuer URL outright; this is a test
   * server concession, off by default.
   */
  allowInsecureIssuer?: boolean;
}

/** go-oidc's allowance for clocks that run ahead of the issuer's, applied to `nbf`. */
const NBF_LEEWAY_SECONDS = 5 * 60;

class TokenRefused extends Error {}

function refuse(message: string): never {
  throw new TokenRefused(`oidc: ${message}`);
}

export class OidcIssuer {
  private readonly keys: IssuerKeys;
  private readonly usernameClaim: string;
  private readonly usernamePrefix: string;
  private readonly signingAlgs: readonly string[];

  constructor(
    readonly options: OidcIssuerOptions,
    private readonly now: () => number = Date.now,
  ) {
    const { issuerUrl, clientId } = options;
    const scheme = new URL(issuerUrl).protocol;
    if (scheme !== "https:" && !(scheme === "http:" && options.allowInsecureIssuer))
      throw new Error(
        `'oidc-issuer-url' ("${issuerUrl}") has invalid scheme ("${scheme.slice(0, -1)}"), require 'https'`,
      );
    if (!clientId) throw new Error(`oidc issuer ${issuerUrl}: a client id is required`);
    this.signingAlgs = options.signingAlgs?.length ? options.signingAlgs : ["RS256"];
    for (const alg of this.signingAlgs)
      if (!(SUPPORTED_SIGNING_ALGS as readonly string[]).includes(alg))
        throw new Error(`oidc: unsupported signing alg: "${alg}"`);
    this.usernameClaim = options.usernameClaim || "sub";
    const prefix =
      options.usernamePrefix || (this.usernameClaim === "email" ? "" : `${issuerUrl}#`);
    this.usernamePrefix = prefix === "-" ? "" : prefix;
    this.keys = new IssuerKeys({
      issuerUrl,
      ...(options.caPem ? { caPem: options.caPem } : {}),
      allowHttp: !!options.allowInsecureIssuer,
      now,
    });
  }

  /** Whether this issuer is the one to judge `claims` (unverified: only routes the token). */
  claims(issuer: unknown): boolean {
    return issuer === this.options.issuerUrl;
  }

  /** The user a token from this issuer authenticates as; throws TokenRefused with the reason. */
  async verify(token: string): Promise<UserInfo> {
    const jwt = parseJwt(token) ?? refuse("malformed jwt");
    const alg = String(jwt.header.alg);
    if (!this.signingAlgs.includes(alg))
      refuse(
        `id token signed with unsupported algorithm, expected ${JSON.stringify(this.signingAlgs)} got "${alg}"`,
      );
    const kid = typeof jwt.header.kid === "string" ? jwt.header.kid : undefined;
    let candidates;
    try {
      candidates = await this.keys.candidates(kid);
    } catch (e) {
      refuse(`fetching keys of ${this.options.issuerUrl}: ${(e as Error).message}`);
    }
    if (!candidates.some((key) => verifyJwtSignature(jwt, alg, key)))
      refuse("failed to verify signature: failed to verify id token signature");
    this.checkClaims(jwt.claims);
    return this.userOf(jwt.claims);
  }

  private checkClaims(c: JsonObject): void {
    const { issuerUrl, clientId, requiredClaims } = this.options;
    if (c.iss !== issuerUrl)
      refuse(
        `id token issued by a different provider, expected "${issuerUrl}" got "${String(c.iss)}"`,
      );
    const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!aud.includes(clientId))
      refuse(`expected audience "${clientId}" got ${JSON.stringify(c.aud ?? [])}`);
    const nowSeconds = this.now() / 1000;
    if (typeof c.exp !== "number" || c.exp <= nowSeconds)
      refuse(
        `token is expired (Token Expiry: ${typeof c.exp === "number" ? new Date(c.exp * 1000).toISOString() : "none"})`,
      );
    if (typeof c.nbf === "number" && c.nbf > nowSeconds + NBF_LEEWAY_SECONDS)
      refuse(
        `current time ${new Date(this.now()).toISOString()} before the nbf (not before) time: ${new Date(c.nbf * 1000).toISOString()}`,
      );
    for (const [claim, want] of Object.entries(requiredClaims ?? {})) {
      if (!(claim in c)) refuse(`required claim ${claim} not present in ID token`);
      if (c[claim] !== want)
        refuse(
          `required claim ${claim} value does not match. Got = ${JSON.stringify(c[claim])}, want = ${want}`,
        );
    }
  }

  private userOf(c: JsonObject): UserInfo {
    const username = c[this.usernameClaim];
    if (typeof username !== "string")
      refuse(`parse username claims "${this.usernameClaim}": not a string`);
    // Since v1.30 only an explicit `false` is refused; providers that omit the claim pass.
    if (this.usernameClaim === "email" && "email_verified" in c) {
      if (typeof c.email_verified !== "boolean")
        refuse("parse 'email_verified' claim: not a boolean");
      if (!c.email_verified) refuse("email not verified");
    }
    const groups: string[] = [];
    const { groupsClaim, groupsPrefix = "" } = this.options;
    if (groupsClaim && groupsClaim in c) {
      const value = c[groupsClaim];
      const list = typeof value === "string" ? [value] : value;
      if (!Array.isArray(list) || !list.every((g) => typeof g === "string"))
        refuse(`parse groups claim "${groupsClaim}": not a string or an array of strings`);
      groups.push(...list.map((g) => groupsPrefix + g));
    }
    return {
      name: this.usernamePrefix + username,
      groups: [...new Set([...groups, "system:authenticated"])],
    };
  }
}

/** Log line sink for refused tokens (kube-apiserver's "Unable to authenticate the request"). */
export type AuthLog = (message: string) => void;

/** All configured issuers; a token none of them claims is not an OIDC token for this server. */
export class OidcAuthenticator {
  private readonly issuers: OidcIssuer[];

  constructor(
    options: OidcIssuerOptions[],
    private readonly log: AuthLog = () => undefined,
    now: () => number = Date.now,
  ) {
    this.issuers = options.map((o) => new OidcIssuer(o, now));
  }

  get configured(): boolean {
    return this.issuers.length > 0;
  }

  async authenticate(token: string): Promise<UserInfo | undefined> {
    const iss = parseJwt(token)?.claims.iss;
    const issuer = this.issuers.find((i) => i.claims(iss));
    if (!issuer) return undefined;
    try {
      return await issuer.verify(token);
    } catch (e) {
      if (!(e instanceof TokenRefused)) throw e;
      this.log(`Unable to authenticate the request: invalid bearer token, ${e.message}`);
      return undefined;
    }
  }
}
