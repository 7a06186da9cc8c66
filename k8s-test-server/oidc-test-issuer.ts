// A minimal OpenID issuer for tests of OIDC authentication: HTTPS with its own CA, a discovery
// document, a JWKS, and ID tokens minted directly (no browser, no login) with whatever claims a
// test needs — including broken ones. Keys can be rotated and the JWKS requests counted, to test
// key caching. Not an authorization server: there is no /authorize; a test that refreshes sign-ins
// can have a /token answering the refresh-token grant (see OidcTestIssuerOptions.refresh).
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { type IncomingMessage, type ServerResponse } from "node:http";
import { createServer } from "node:https";
import { type AddressInfo } from "node:net";
import { type JsonObject } from "./json.js";
import { generateTls } from "./tls.js";

interface SigningKey {
  kid: string;
  alg: "RS256" | "ES256";
  privateKey: KeyObject;
  publicJwk: JsonObject;
}

export interface MintOptions {
  /** Sign with this key id (default: the newest key); a kid the JWKS lacks is allowed. */
  kid?: string;
  /** Sign with a key the issuer never published (a forged token). */
  foreignKey?: boolean;
  alg?: "RS256" | "ES256";
}

export interface OidcTestIssuerOptions {
  /**
   * Merged over the discovery document: endpoints an authorization server would name (this issuer
   * serves none of them), or a misconfiguration such as another `issuer`.
   */
  discovery?: JsonObject;
  /** false: the JWKS lists no keys (an issuer not yet set up). Default true. */
  publishKeys?: boolean;
  /**
   * Serves the refresh-token grant at /token (named in discovery): given the refresh token, the
   * claims of the new ID token, or null to refuse it (`invalid_grant`). The response carries the
   * ID token minted from those claims and the same refresh token.
   */
  refresh?: (refreshToken: string) => JsonObject | null;
}

export interface OidcTestIssuer {
  /** https://127.0.0.1:<port> — the `iss` of its tokens and the discovery base. */
  readonly url: string;
  readonly caPem: string;
  /** The key id tokens are signed with by default (the newest RS256 key). */
  readonly kid: string;
  /** GETs of the JWKS so far. */
  readonly jwksRequests: number;
  /** Refresh-token grants answered so far (issued or refused). */
  readonly refreshRequests: number;
  /** A signed ID token; `iss` defaults to the issuer, `iat` to now; everything else is `claims`. */
  mint(claims: JsonObject, opts?: MintOptions): string;
  /** Adds a new signing key, published from now on and used by default; returns its kid. */
  rotate(alg?: "RS256" | "ES256"): string;
  stop(): Promise<void>;
}

function newKey(alg: "RS256" | "ES256"): SigningKey {
  const { privateKey, publicKey } =
    alg === "RS256"
      ? generateKeyPairSync("rsa", { modulusLength: 2048 })
      : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const kid = randomBytes(8).toString("hex");
  const publicJwk = {
    ...(publicKey.export({ format: "jwk" }) as JsonObject),
    kid,
    alg,
    use: "sig",
  };
  return { kid, alg, privateKey, publicJwk };
}

function b64json(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString("base64url");
}

export async function startOidcTestIssuer(
  options: OidcTestIssuerOptions = {},
): Promise<OidcTestIssuer> {
  const tls = await generateTls();
  const keys: SigningKey[] = [newKey("RS256"), newKey("ES256")];
  let jwksRequests = 0;
  let refreshRequests = 0;
  let url = "";
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const json = (body: unknown, status = 200) => {
      res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/.well-known/openid-configuration")
      json({
        issuer: url,
        jwks_uri: `${url}/keys`,
        id_token_signing_alg_values_supported: ["RS256", "ES256"],
        ...(options.refresh ? { token_endpoint: `${url}/token` } : {}),
        ...options.discovery,
      });
    else if (req.url === "/token" && req.method === "POST" && options.refresh) {
      const refresh = options.refresh;
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        refreshRequests++;
        const form = new URLSearchParams(body);
        const token = form.get("refresh_token");
        const claims = form.get("grant_type") === "refresh_token" && token ? refresh(token) : null;
        if (!claims || !token) {
          json({ error: "invalid_grant", error_description: "refresh token refused" }, 400);
          return;
        }
        json({
          access_token: randomBytes(16).toString("hex"),
          token_type: "Bearer",
          expires_in: 600,
          id_token: issuer.mint(claims),
          refresh_token: token,
        });
      });
    } else if (req.url === "/keys") {
      jwksRequests++;
      json({ keys: options.publishKeys === false ? [] : keys.map((k) => k.publicJwk) });
    } else {
      res.writeHead(404);
      res.end();
    }
  };
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const pick = (opts: MintOptions): SigningKey => {
    const alg = opts.alg ?? "RS256";
    if (opts.foreignKey) return { ...newKey(alg), ...(opts.kid ? { kid: opts.kid } : {}) };
    const key = keys.filter((k) => k.alg === alg).at(-1);
    if (!key) throw new Error(`no ${alg} key`);
    return opts.kid ? { ...key, kid: opts.kid } : key;
  };

  const issuer: OidcTestIssuer = {
    url,
    caPem: tls.caCertPem,
    get kid() {
      return pick({}).kid;
    },
    get jwksRequests() {
      return jwksRequests;
    },
    get refreshRequests() {
      return refreshRequests;
    },
    mint(claims, opts = {}) {
      const key = pick(opts);
      const header = b64json({ alg: key.alg, kid: key.kid, typ: "JWT" });
      const payload = b64json({ iss: url, iat: Math.floor(Date.now() / 1000), ...claims });
      const input = Buffer.from(`${header}.${payload}`);
      const signature =
        key.alg === "RS256"
          ? sign("sha256", input, key.privateKey)
          : sign("sha256", input, { key: key.privateKey, dsaEncoding: "ieee-p1363" });
      return `${header}.${payload}.${signature.toString("base64url")}`;
    },
    rotate(alg = "RS256") {
      const key = newKey(alg);
      keys.push(key);
      return key.kid;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return issuer;
}
