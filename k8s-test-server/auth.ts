// Bearer tokens: the admin token, test-issued tokens with static rules, and TokenRequest tokens
// bound to a ServiceAccount's uid (they stop working when the ServiceAccount is deleted, as bound
// tokens do on a real cluster). Tokens are JWT-shaped so code that decodes claims keeps working.
// Expired tokens are forgotten, so a long-running server that issues short-lived tokens does not
// grow without bound. OIDC ID tokens from configured issuers are verified by oidc.ts.
import { randomBytes } from "node:crypto";
import { type OidcAuthenticator } from "./oidc.js";
import { type TokenRule, type UserInfo } from "./rbac.js";
import { typeKey } from "./registry.js";
import { type Store } from "./store.js";

interface TokenEntry {
  user: UserInfo;
  expiresAt?: number;
  serviceAccount?: { namespace: string; name: string; uid: string };
}

export interface IssueTokenOptions {
  user: string;
  groups?: string[];
  rules?: TokenRule[];
  expiresInSeconds?: number;
}

function b64url(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString("base64url");
}

function jwtShaped(claims: Record<string, unknown>): string {
  return `${b64url({ alg: "RS256", kid: "k8s-test-server" })}.${b64url(claims)}.${randomBytes(32).toString("base64url")}`;
}

export class Authenticator {
  private readonly tokens = new Map<string, TokenEntry>();
  /** The earliest expiry among stored tokens: nothing to prune before then. */
  private nextExpiry = Infinity;
  readonly adminToken: string;

  constructor(
    private readonly store: Store,
    /** Milliseconds since the epoch; injectable so expiry can be tested without waiting. */
    private readonly now: () => number = Date.now,
    private readonly oidc?: OidcAuthenticator,
    /** OpenShift OAuth access tokens (`sha256~…`), when the emulated OAuth server is on. */
    private readonly openshiftOAuth?: { authenticate(token: string): UserInfo | undefined },
  ) {
    this.adminToken = `admin-${randomBytes(24).toString("hex")}`;
    this.tokens.set(this.adminToken, {
      user: {
        name: "kubernetes-admin",
        groups: ["system:masters", "system:authenticated"],
        admin: true,
      },
    });
  }

  /** Tokens currently held (the admin token included). */
  get size(): number {
    return this.tokens.size;
  }

  private remember(token: string, entry: TokenEntry): void {
    this.pruneExpired();
    this.tokens.set(token, entry);
    if (entry.expiresAt !== undefined) this.nextExpiry = Math.min(this.nextExpiry, entry.expiresAt);
  }

  private pruneExpired(): void {
    const now = this.now();
    if (now < this.nextExpiry) return;
    this.nextExpiry = Infinity;
    for (const [token, entry] of this.tokens) {
      if (entry.expiresAt === undefined) continue;
      if (now >= entry.expiresAt) this.tokens.delete(token);
      else this.nextExpiry = Math.min(this.nextExpiry, entry.expiresAt);
    }
  }

  issue(opts: IssueTokenOptions): string {
    const now = Math.floor(this.now() / 1000);
    const exp = opts.expiresInSeconds !== undefined ? now + opts.expiresInSeconds : undefined;
    const token = jwtShaped({
      iss: "k8s-test-server",
      sub: opts.user,
      iat: now,
      ...(exp !== undefined ? { exp } : {}),
    });
    const groups = [...new Set([...(opts.groups ?? []), "system:authenticated"])];
    this.remember(token, {
      user: { name: opts.user, groups, ...(opts.rules ? { rules: opts.rules } : {}) },
      ...(exp !== undefined ? { expiresAt: exp * 1000 } : {}),
    });
    return token;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  issueForServiceAccount(
    namespace: string,
    name: string,
    uid: string,
    audiences: string[],
    expirationSeconds: number,
  ): { token: string; expiresAt: Date } {
    const now = Math.floor(this.now() / 1000);
    const exp = now + expirationSeconds;
    const token = jwtShaped({
      aud: audiences,
      exp,
      iat: now,
      nbf: now,
      iss: "https://kubernetes.default.svc.cluster.local",
      sub: `system:serviceaccount:${namespace}:${name}`,
      "kubernetes.io": { namespace, serviceaccount: { name, uid } },
    });
    this.remember(token, {
      user: {
        name: `system:serviceaccount:${namespace}:${name}`,
        uid,
        groups: [
          "system:serviceaccounts",
          `system:serviceaccounts:${namespace}`,
          "system:authenticated",
        ],
      },
      expiresAt: exp * 1000,
      serviceAccount: { namespace, name, uid },
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * The user of a request's `Authorization` header: a token this server issued, an OpenShift OAuth
   * access token, or an OIDC ID token.
   */
  async authenticateRequest(authorization: string | undefined): Promise<UserInfo | undefined> {
    const token = bearerToken(authorization);
    if (!token) return undefined;
    return (
      this.authenticateIssued(token) ??
      this.openshiftOAuth?.authenticate(token) ??
      (await this.oidc?.authenticate(token))
    );
  }

  /** The user of a bearer token this server issued (admin, issueToken, TokenRequest). */
  private authenticateIssued(token: string): UserInfo | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && this.now() >= entry.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    if (entry.serviceAccount) {
      const sa = this.store.get(
        typeKey("", "serviceaccounts"),
        entry.serviceAccount.namespace,
        entry.serviceAccount.name,
      );
      // A bound token never becomes valid again: a re-created ServiceAccount has a new uid.
      if (!sa || sa.metadata.uid !== entry.serviceAccount.uid) {
        this.tokens.delete(token);
        return undefined;
      }
    }
    return entry.user;
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
}
