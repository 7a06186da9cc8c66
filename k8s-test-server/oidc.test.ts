// The OIDC authenticator against a real HTTPS issuer (its own CA, discovery, JWKS), with an
// injected clock for expiry and key refetching. Every refusal is checked for its logged reason,
// so a test cannot pass because the token failed for some other reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OidcAuthenticator, type OidcIssuerOptions } from "./oidc.js";
import { type OidcTestIssuer, startOidcTestIssuer } from "./oidc-test-issuer.js";

let issuer: OidcTestIssuer;
beforeAll(async () => {
  issuer = await startOidcTestIssuer();
});
afterAll(async () => {
  await issuer.stop();
});

const NOW = Date.parse("2026-03-01T12:00:00Z");
const nowS = NOW / 1000;

function clock() {
  let now = NOW;
  return { now: () => now, advance: (seconds: number) => (now += seconds * 1000) };
}

function authenticator(extra: Partial<OidcIssuerOptions> = {}, c = clock()) {
  const log: string[] = [];
  const auth = new OidcAuthenticator(
    [{ issuerUrl: issuer.url, clientId: "kubernetes", caPem: issuer.caPem, ...extra }],
    (m) => log.push(m),
    c.now,
  );
  return { auth, log, clock: c };
}

const valid = { sub: "u-123", aud: "kubernetes", exp: nowS + 600 };

async function refused(a: ReturnType<typeof authenticator>, token: string): Promise<string> {
  expect(await a.auth.authenticate(token)).toBeUndefined();
  expect(a.log).toHaveLength(1);
  return a.log[0] ?? "";
}

describe("accepted ID tokens", () => {
  it("authenticate as the username claim with the issuer as default prefix, plus system:authenticated", async () => {
    const { auth } = authenticator();
    expect(await auth.authenticate(issuer.mint(valid))).toEqual({
      name: `${issuer.url}#u-123`,
      groups: ["system:authenticated"],
    });
  });

  it("map the groups claim (array or single string) with its prefix, and the username prefix", async () => {
    const a = authenticator({
      usernameClaim: "preferred_username",
      usernamePrefix: "oidc:",
      groupsClaim: "groups",
      groupsPrefix: "oidc:",
    });
    const claims = { ...valid, preferred_username: "ada" };
    expect(await a.auth.authenticate(issuer.mint({ ...claims, groups: ["dev", "ops"] }))).toEqual({
      name: "oidc:ada",
      groups: ["oidc:dev", "oidc:ops", "system:authenticated"],
    });
    expect((await a.auth.authenticate(issuer.mint({ ...claims, groups: "dev" })))?.groups).toEqual([
      "oidc:dev",
      "system:authenticated",
    ]);
  });

  it("use the email unprefixed by default, and no prefix at all with '-'", async () => {
    const email = authenticator({ usernameClaim: "email" });
    const token = issuer.mint({ ...valid, email: "ada@example.com", email_verified: true });
    expect((await email.auth.authenticate(token))?.name).toBe("ada@example.com");
    const bare = authenticator({ usernamePrefix: "-" });
    expect((await bare.auth.authenticate(issuer.mint(valid)))?.name).toBe("u-123");
  });

  it("accept an audience list that contains the client id", async () => {
    const { auth } = authenticator();
    const token = issuer.mint({ ...valid, aud: ["other", "kubernetes"] });
    expect(await auth.authenticate(token)).toBeDefined();
  });

  it("accept ES256 only when it is among the signing algorithms (RS256 by default)", async () => {
    const token = issuer.mint(valid, { alg: "ES256" });
    const es = authenticator({ signingAlgs: ["RS256", "ES256"] });
    expect(await es.auth.authenticate(token)).toBeDefined();
    expect(await refused(authenticator(), token)).toContain("unsupported algorithm");
  });

  it("accept a not-before up to five minutes ahead (clock skew), as go-oidc does", async () => {
    const { auth } = authenticator();
    expect(await auth.authenticate(issuer.mint({ ...valid, nbf: nowS + 299 }))).toBeDefined();
  });

  it("need the required claims with their exact values", async () => {
    const opts = { requiredClaims: { hd: "example.com" } };
    expect(
      await authenticator(opts).auth.authenticate(issuer.mint({ ...valid, hd: "example.com" })),
    ).toBeDefined();
    expect(await refused(authenticator(opts), issuer.mint(valid))).toContain(
      "required claim hd not present",
    );
    expect(
      await refused(authenticator(opts), issuer.mint({ ...valid, hd: "evil.example" })),
    ).toContain("required claim hd value does not match");
  });
});

describe("refused ID tokens (401, the reason only in the log)", () => {
  it("expired: at exp and after, with no leeway; and a token without exp", async () => {
    const a = authenticator();
    const token = issuer.mint({ ...valid, exp: nowS + 60 });
    expect(await a.auth.authenticate(token)).toBeDefined();
    a.clock.advance(60);
    expect(await refused(a, token)).toContain("oidc: token is expired");
    const { exp: _, ...noExp } = valid;
    expect(await refused(authenticator(), issuer.mint(noExp))).toContain("token is expired");
  });

  it("not yet valid: nbf beyond the five minutes of leeway", async () => {
    const reason = await refused(authenticator(), issuer.mint({ ...valid, nbf: nowS + 301 }));
    expect(reason).toContain("before the nbf (not before) time");
  });

  it("wrong audience", async () => {
    const reason = await refused(authenticator(), issuer.mint({ ...valid, aud: "someone-else" }));
    expect(reason).toContain('expected audience "kubernetes" got "someone-else"');
  });

  it("another issuer: not considered at all (no key fetch), so no user", async () => {
    const a = authenticator();
    const before = issuer.jwksRequests;
    const token = issuer.mint({ ...valid, iss: "https://other.example" });
    expect(await a.auth.authenticate(token)).toBeUndefined();
    expect(issuer.jwksRequests).toBe(before);
  });

  it("an issuer whose discovery names another issuer is not trusted", async () => {
    // The same server reached as localhost: its discovery document says 127.0.0.1.
    const aliased = issuer.url.replace("127.0.0.1", "localhost");
    const log: string[] = [];
    const auth = new OidcAuthenticator(
      [{ issuerUrl: aliased, clientId: "kubernetes", caPem: issuer.caPem }],
      (m) => log.push(m),
      () => NOW,
    );
    expect(await auth.authenticate(issuer.mint({ ...valid, iss: aliased }))).toBeUndefined();
    expect(log[0]).toContain("issuer did not match the issuer returned by provider");
  });

  it("bad signature: a key the issuer never published, or a changed payload", async () => {
    const forged = issuer.mint(valid, { foreignKey: true, kid: issuer.kid });
    expect(await refused(authenticator(), forged)).toContain("failed to verify signature");
    const [h, , s] = issuer.mint(valid).split(".");
    const payload = Buffer.from(JSON.stringify({ ...valid, iss: issuer.url, sub: "admin" }));
    const tampered = `${h}.${payload.toString("base64url")}.${s}`;
    expect(await refused(authenticator(), tampered)).toContain("failed to verify signature");
  });

  it("an email username with email_verified false (absent is accepted, as since v1.30)", async () => {
    const opts = { usernameClaim: "email" };
    const claims = { ...valid, email: "ada@example.com" };
    const reason = await refused(
      authenticator(opts),
      issuer.mint({ ...claims, email_verified: false }),
    );
    expect(reason).toBe(
      "Unable to authenticate the request: invalid bearer token, oidc: email not verified",
    );
    expect(await authenticator(opts).auth.authenticate(issuer.mint(claims))).toBeDefined();
  });

  it("a username claim that is missing or not a string", async () => {
    const a = authenticator({ usernameClaim: "email" });
    expect(await refused(a, issuer.mint(valid))).toContain('parse username claims "email"');
  });

  it("an issuer served with a certificate the configured CA did not sign", async () => {
    const reason = await refused(authenticator({ caPem: undefined }), issuer.mint(valid));
    expect(reason).toContain(`fetching keys of ${issuer.url}`);
  });
});

describe("keys", () => {
  it("are cached, refetched for an unknown kid (rotation), at most once per interval", async () => {
    const a = authenticator();
    const start = issuer.jwksRequests;
    expect(await a.auth.authenticate(issuer.mint(valid))).toBeDefined();
    expect(await a.auth.authenticate(issuer.mint(valid))).toBeDefined();
    expect(issuer.jwksRequests).toBe(start + 1);

    a.clock.advance(10);
    issuer.rotate();
    expect(await a.auth.authenticate(issuer.mint(valid))).toBeDefined(); // signed with the new key
    expect(issuer.jwksRequests).toBe(start + 2);

    // Made-up key ids do not make every request a fetch: one per 10 s at most.
    expect(await refused(a, issuer.mint(valid, { kid: "made-up" }))).toContain("verify signature");
    expect(await a.auth.authenticate(issuer.mint(valid, { kid: "made-up-2" }))).toBeUndefined();
    expect(issuer.jwksRequests).toBe(start + 2);
    a.clock.advance(10);
    expect(await a.auth.authenticate(issuer.mint(valid, { kid: "made-up-3" }))).toBeUndefined();
    expect(issuer.jwksRequests).toBe(start + 3);
  });

  it("an issuer that is down refuses the token with the reason logged, without a crash", async () => {
    const down = await startOidcTestIssuer();
    const log: string[] = [];
    const auth = new OidcAuthenticator(
      [{ issuerUrl: down.url, clientId: "kubernetes", caPem: down.caPem }],
      (m) => log.push(m),
      () => NOW,
    );
    const token = down.mint(valid);
    await down.stop();
    expect(await auth.authenticate(token)).toBeUndefined();
    expect(log[0]).toMatch(/fetching keys of .*ECONNREFUSED/);
  });
});

describe("issuer options", () => {
  it("refuse a non-https issuer as kube-apiserver does, unless allowInsecureIssuer", () => {
    const http = { issuerUrl: "http://localhost:3001/oidc", clientId: "kubernetes" };
    expect(() => new OidcAuthenticator([http])).toThrow(
      `'oidc-issuer-url' ("http://localhost:3001/oidc") has invalid scheme ("http"), require 'https'`,
    );
    expect(() => new OidcAuthenticator([{ ...http, allowInsecureIssuer: true }])).not.toThrow();
  });

  it("refuse signing algorithms kube-apiserver does not allow", () => {
    expect(
      () =>
        new OidcAuthenticator([{ issuerUrl: issuer.url, clientId: "k", signingAlgs: ["HS256"] }]),
    ).toThrow('oidc: unsupported signing alg: "HS256"');
  });
});
