// Drives the development OpenID provider over real HTTP: discovery, the authorization-code flow
// through its own login form (with PKCE, as Auth.js does), token exchange and userinfo.
import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_OIDC_CLIENT_ID, DEV_OIDC_CLIENT_SECRET } from "./constants";
import { startDevOidcProvider, type TDevOidcProvider } from "./provider";

const REDIRECT_URI = "http://slipway.test/api/auth/callback/dev";

/** A cookie jar good enough for one host: remembers name=value pairs, honours deletions. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = "", raw = ""] = attribute.split("=");
        const k = key.trim().toLowerCase();
        return (
          (k === "max-age" && Number(raw) <= 0) || (k === "expires" && Date.parse(raw) < Date.now())
        );
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

interface TDiscovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri: string;
  scopes_supported: string[];
  code_challenge_methods_supported: string[];
}

async function request(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set("cookie", cookie);
  const response = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(response);
  return response;
}

/** The provider's self-submitting form (form_post), which a browser would post via JavaScript. */
function autoSubmitForm(html: string): { action: string; fields: URLSearchParams } | undefined {
  if (!html.includes("document.forms[0].submit()")) return undefined;
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) return undefined;
  const fields = new URLSearchParams();
  for (const [, name = "", value = ""] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g,
  )) {
    fields.set(name, value);
  }
  return { action, fields };
}

/**
 * Follows redirects (and self-submitting forms) on the provider, like a browser, until a page is
 * served or the client's redirect URI is reached.
 */
async function follow(
  jar: CookieJar,
  start: Response,
  base: string,
): Promise<{ response: Response; url: string }> {
  let response = start;
  let url = base;
  for (let hops = 0; hops < 10; hops += 1) {
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      if (url.startsWith(REDIRECT_URI)) return { response, url };
      response = await request(jar, url);
      continue;
    }
    if (response.status !== 200) return { response, url };
    const html = await response.clone().text();
    const form = autoSubmitForm(html);
    if (!form) return { response, url };
    url = new URL(form.action, url).toString();
    response = await request(jar, url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.fields.toString(),
    });
  }
  throw new Error("too many redirects");
}

function base64url(buffer: Buffer): string {
  return buffer.toString("base64url");
}

function decodeJwt(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header = "", payload = ""] = token.split(".");
  return {
    header: JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as Record<
      string,
      unknown
    >,
    payload: JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<
      string,
      unknown
    >,
  };
}

async function exchangeCode(
  discovery: TDiscovery,
  code: string,
  verifier: string,
): Promise<{ id_token: string; access_token: string; token_type: string }> {
  const response = await fetch(discovery.token_endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${DEV_OIDC_CLIENT_ID}:${DEV_OIDC_CLIENT_SECRET}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }).toString(),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id_token: string; access_token: string; token_type: string };
}

interface TAuthorization {
  jar: CookieJar;
  loginUrl: string;
  verifier: string;
  state: string;
  nonce: string;
}

async function startAuthorization(
  discovery: TDiscovery,
  jar: CookieJar = new CookieJar(),
): Promise<TAuthorization> {
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const nonce = base64url(randomBytes(16));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: DEV_OIDC_CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "openid profile email",
    state,
    nonce,
    code_challenge: base64url(createHash("sha256").update(verifier).digest()),
    code_challenge_method: "S256",
  }).toString();
  const { response, url: loginUrl } = await follow(
    jar,
    await request(jar, url.toString()),
    url.toString(),
  );
  expect(response.status).toBe(200);
  expect(loginUrl).toMatch(/\/interaction\/[^/]+$/);
  const html = await response.text();
  expect(html).toContain('name="username"');
  expect(html).toContain('name="password"');
  for (const user of ["alice", "bob", "carol", "dave"]) expect(html).toContain(user);
  return { jar, loginUrl, verifier, state, nonce };
}

function submitLogin(auth: TAuthorization, username: string, password: string): Promise<Response> {
  return request(auth.jar, `${auth.loginUrl}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }).toString(),
  });
}

describe("development OpenID provider", () => {
  let dataDir: string;
  let provider: TDevOidcProvider;
  let discovery: TDiscovery;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "slipway-dev-oidc-"));
    provider = await startDevOidcProvider({
      port: 0,
      redirectUris: [REDIRECT_URI],
      dataDir,
      logger: pino({ level: "silent" }),
    });
  });

  afterAll(async () => {
    await provider?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves OpenID discovery for its issuer", async () => {
    expect(provider.issuer).toBe(`http://localhost:${provider.port}`);
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    discovery = (await response.json()) as TDiscovery;
    expect(discovery.issuer).toBe(provider.issuer);
    expect(discovery.authorization_endpoint).toBe(`${provider.issuer}/auth`);
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "profile", "email"]),
    );
    expect(discovery.code_challenge_methods_supported).toContain("S256");
  });

  it("refuses a wrong password on its login page", async () => {
    const auth = await startAuthorization(discovery);
    const wrong = await submitLogin(auth, "alice", "not-the-password");
    expect(wrong.status).toBe(401);
    const html = await wrong.text();
    expect(html).toContain("Wrong username or password");
    expect(html).toContain('value="alice"');

    const unknown = await submitLogin(auth, "mallory", "slipway");
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get("location")).toBeNull();
  });

  it("completes an authorization-code flow and issues an ID token with profile claims", async () => {
    const auth = await startAuthorization(discovery);
    // A failed attempt first: the same interaction still accepts the right password afterwards.
    expect((await submitLogin(auth, "bob", "wrong")).status).toBe(401);
    const login = await submitLogin(auth, "Bob", "slipway");
    expect(login.status).toBe(303);
    const { url: callback } = await follow(auth.jar, login, auth.loginUrl);
    expect(callback.startsWith(REDIRECT_URI)).toBe(true);
    const params = new URL(callback).searchParams;
    expect(params.get("state")).toBe(auth.state);
    expect(params.get("iss")).toBe(provider.issuer);
    const code = params.get("code");
    expect(code).toBeTruthy();

    const tokens = await exchangeCode(discovery, code!, auth.verifier);
    expect(tokens.token_type).toBe("Bearer");

    const { header, payload } = decodeJwt(tokens.id_token);
    expect(payload).toMatchObject({
      iss: provider.issuer,
      aud: DEV_OIDC_CLIENT_ID,
      sub: "bob",
      nonce: auth.nonce,
      name: "Bob Developer",
      email: "bob@example.com",
      email_verified: true,
      preferred_username: "bob",
    });

    // The signature verifies against the published JWKS.
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as {
      keys: (JsonWebKey & { kid: string })[];
    };
    const jwk = jwks.keys.find((key) => key.kid === header.kid);
    expect(jwk).toBeDefined();
    expect(jwk).not.toHaveProperty("d");
    const [h, p, s] = tokens.id_token.split(".") as [string, string, string];
    const valid = verify(
      "RSA-SHA256",
      Buffer.from(`${h}.${p}`),
      createPublicKey({ key: jwk!, format: "jwk" }),
      Buffer.from(s, "base64url"),
    );
    expect(valid).toBe(true);

    const userinfo = await fetch(discovery.userinfo_endpoint, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({
      sub: "bob",
      email: "bob@example.com",
      preferred_username: "bob",
    });
  });

  it("asks for the password again on the next authorization, so users can be switched", async () => {
    const first = await startAuthorization(discovery);
    const { url: callback } = await follow(
      first.jar,
      await submitLogin(first, "carol", "slipway"),
      first.loginUrl,
    );
    expect(new URL(callback).searchParams.get("code")).toBeTruthy();

    // Same browser (the provider's session cookie is still there): the login page is shown again.
    const second = await startAuthorization(discovery, first.jar);
    const { url: switched } = await follow(
      second.jar,
      await submitLogin(second, "dave", "slipway"),
      second.loginUrl,
    );
    expect(switched).toContain("code=");
    const tokens = await exchangeCode(
      discovery,
      new URL(switched).searchParams.get("code")!,
      second.verifier,
    );
    expect(decodeJwt(tokens.id_token).payload).toMatchObject({
      sub: "dave",
      preferred_username: "dave",
    });
  });

  it("refuses a redirect URI it was not configured with", async () => {
    const url = new URL(discovery.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: DEV_OIDC_CLIENT_ID,
      redirect_uri: "http://evil.test/callback",
      response_type: "code",
      scope: "openid",
      code_challenge: base64url(createHash("sha256").update("x".repeat(43)).digest()),
      code_challenge_method: "S256",
    }).toString();
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("redirect_uri");
  });

  it("keeps its signing key across restarts", async () => {
    const before = (await (await fetch(discovery.jwks_uri)).json()) as { keys: { kid: string }[] };
    const second = await startDevOidcProvider({
      port: 0,
      redirectUris: [REDIRECT_URI],
      dataDir,
      logger: pino({ level: "silent" }),
    });
    try {
      const after = (await (await fetch(`${second.issuer}/jwks`)).json()) as {
        keys: { kid: string }[];
      };
      expect(after.keys.map((key) => key.kid)).toEqual(before.keys.map((key) => key.kid));
    } finally {
      await second.close();
    }
  });

  it("rejects with EADDRINUSE when its port is taken", async () => {
    await expect(
      startDevOidcProvider({ port: provider.port, dataDir, logger: pino({ level: "silent" }) }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});
