// Drives the development OpenID provider over real HTTP: discovery, the authorization-code flow
// through its own login form (with PKCE, as Auth.js does), token exchange and userinfo.
import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLUSTER_CONNECT_CALLBACK_PATH,
  DEV_CLUSTER_OIDC_CLIENT_ID,
  DEV_CLUSTER_OIDC_CLIENT_SECRET,
  DEV_OIDC_CLIENT_ID,
  DEV_OIDC_CLIENT_SECRET,
} from "./constants";
import { CookieJar, follow, request } from "@/testing/oidc-browser";
import { generateTls } from "@/k8s-test-server/tls";
import { issuerFetch } from "@/server/services/connections/issuer-fetch";
import { REVOKE_GRANTS_PATH, startDevOidcProvider, type TDevOidcProvider } from "./provider";

const REDIRECT_URI = "http://slipway.test/api/auth/callback/dev";

interface TClient {
  id: string;
  secret: string;
  redirectUri: string;
}

const SIGN_IN_CLIENT: TClient = {
  id: DEV_OIDC_CLIENT_ID,
  secret: DEV_OIDC_CLIENT_SECRET,
  redirectUri: REDIRECT_URI,
};
// The cluster-connect client answers on the same Slipway origin, at the connect callback.
const CLUSTER_CLIENT: TClient = {
  id: DEV_CLUSTER_OIDC_CLIENT_ID,
  secret: DEV_CLUSTER_OIDC_CLIENT_SECRET,
  redirectUri: `http://slipway.test${CLUSTER_CONNECT_CALLBACK_PATH}`,
};

function basicAuth(client: TClient): string {
  return `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}`;
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

async function tokenRequest(
  discovery: TDiscovery,
  client: TClient,
  body: Record<string, string>,
): Promise<Response> {
  return fetch(discovery.token_endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: basicAuth(client),
    },
    body: new URLSearchParams(body).toString(),
  });
}

interface TTokens {
  id_token: string;
  access_token: string;
  token_type: string;
  refresh_token?: string;
}

async function exchangeCode(
  discovery: TDiscovery,
  code: string,
  verifier: string,
  client: TClient = SIGN_IN_CLIENT,
): Promise<TTokens> {
  const response = await tokenRequest(discovery, client, {
    grant_type: "authorization_code",
    code,
    redirect_uri: client.redirectUri,
    code_verifier: verifier,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as TTokens;
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
  client: TClient = SIGN_IN_CLIENT,
): Promise<TAuthorization> {
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const nonce = base64url(randomBytes(16));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: client.id,
    redirect_uri: client.redirectUri,
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
    client.redirectUri,
  );
  expect(response.status).toBe(200);
  expect(loginUrl).toMatch(/\/interaction\/[^/]+$/);
  const html = await response.text();
  expect(html).toContain('name="username"');
  expect(html).toContain('name="password"');
  for (const user of ["alice", "bob", "carol", "dave"]) expect(html).toContain(user);
  return { jar, loginUrl, verifier, state, nonce };
}

/** Tokens of the cluster-connect client for `username`, through the login page. */
async function connectClusterClient(discovery: TDiscovery, username: string): Promise<TTokens> {
  const auth = await startAuthorization(discovery, new CookieJar(), CLUSTER_CLIENT);
  const { url: callback } = await follow(
    auth.jar,
    await submitLogin(auth, username, "slipway"),
    auth.loginUrl,
    CLUSTER_CLIENT.redirectUri,
  );
  const code = new URL(callback).searchParams.get("code")!;
  return exchangeCode(discovery, code, auth.verifier, CLUSTER_CLIENT);
}

function refresh(discovery: TDiscovery, refreshToken: string): Promise<Response> {
  return tokenRequest(discovery, CLUSTER_CLIENT, {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
  });
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
    const { url: callback } = await follow(auth.jar, login, auth.loginUrl, REDIRECT_URI);
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
      REDIRECT_URI,
    );
    expect(new URL(callback).searchParams.get("code")).toBeTruthy();

    // Same browser (the provider's session cookie is still there): the login page is shown again.
    const second = await startAuthorization(discovery, first.jar);
    const { url: switched } = await follow(
      second.jar,
      await submitLogin(second, "dave", "slipway"),
      second.loginUrl,
      REDIRECT_URI,
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

  it("lets the cluster-connect client refresh its tokens, and revoke them (RFC 7009)", async () => {
    const discovered = discovery as TDiscovery & { revocation_endpoint?: string };
    expect(discovered.revocation_endpoint).toBe(`${provider.issuer}/token/revocation`);
    const tokens = await connectClusterClient(discovery, "alice");
    expect(decodeJwt(tokens.id_token).payload).toMatchObject({
      aud: DEV_CLUSTER_OIDC_CLIENT_ID,
      email: "alice@example.com",
    });
    expect(tokens.refresh_token).toBeTruthy();

    const refreshed = await refresh(discovery, tokens.refresh_token!);
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as TTokens;
    expect(decodeJwt(next.id_token).payload).toMatchObject({ sub: "alice" });
    const latest = next.refresh_token ?? tokens.refresh_token!;

    const revoked = await fetch(discovered.revocation_endpoint!, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: basicAuth(CLUSTER_CLIENT),
      },
      body: new URLSearchParams({ token: latest, token_type_hint: "refresh_token" }).toString(),
    });
    expect(revoked.status).toBe(200);
    const refused = await refresh(discovery, latest);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("lets its admin revoke one user's grants: their refresh tokens are refused, others' still work", async () => {
    const carol = await connectClusterClient(discovery, "carol");
    const dave = await connectClusterClient(discovery, "dave");
    const revoke = (username: string) =>
      fetch(`${provider.issuer}${REVOKE_GRANTS_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username }).toString(),
      });

    const answer = await revoke("Carol");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ username: "carol", revoked: 1 });
    const refused = await refresh(discovery, carol.refresh_token!);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: "invalid_grant" });
    expect((await refresh(discovery, dave.refresh_token!)).status).toBe(200);

    const unknown = await revoke("mallory");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'no demo user "mallory"' });
  });

  it("gives the sign-in client no refresh token", async () => {
    const auth = await startAuthorization(discovery);
    const { url: callback } = await follow(
      auth.jar,
      await submitLogin(auth, "carol", "slipway"),
      auth.loginUrl,
      REDIRECT_URI,
    );
    const tokens = await exchangeCode(
      discovery,
      new URL(callback).searchParams.get("code")!,
      auth.verifier,
    );
    expect(tokens.refresh_token).toBeUndefined();
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

  it("issues ID tokens as short-lived as asked (tests of refresh on expiry)", async () => {
    const shortLived = await startDevOidcProvider({
      port: 0,
      redirectUris: [REDIRECT_URI],
      dataDir,
      tokenTtlSeconds: 5,
      logger: pino({ level: "silent" }),
    });
    try {
      const own = (await (
        await fetch(`${shortLived.issuer}/.well-known/openid-configuration`)
      ).json()) as TDiscovery;
      const auth = await startAuthorization(own, new CookieJar(), CLUSTER_CLIENT);
      const { url: callback } = await follow(
        auth.jar,
        await submitLogin(auth, "dave", "slipway"),
        auth.loginUrl,
        CLUSTER_CLIENT.redirectUri,
      );
      const tokens = await exchangeCode(
        own,
        new URL(callback).searchParams.get("code")!,
        auth.verifier,
        CLUSTER_CLIENT,
      );
      const { payload } = decodeJwt(tokens.id_token);
      expect(Number(payload.exp) - Number(payload.iat)).toBe(5);
    } finally {
      await shortLived.close();
    }
  });

  it("serves https with the certificate it is given, trusted through its CA", async () => {
    const material = await generateTls();
    const secure = await startDevOidcProvider({
      port: 0,
      redirectUris: [REDIRECT_URI],
      dataDir,
      tls: { certPem: material.certPem, keyPem: material.keyPem },
      logger: pino({ level: "silent" }),
    });
    try {
      expect(secure.issuer).toBe(`https://localhost:${secure.port}`);
      const wellKnown = `${secure.issuer}/.well-known/openid-configuration`;
      const response = await issuerFetch(material.caCertPem)(wellKnown);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        issuer: secure.issuer,
        token_endpoint: `${secure.issuer}/token`,
      });
      // Without its CA the certificate is not trusted.
      await expect(issuerFetch(null)(wellKnown)).rejects.toThrow(/certificate/i);
    } finally {
      await secure.close();
    }
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
