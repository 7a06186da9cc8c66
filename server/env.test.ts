import { describe, expect, it } from "vitest";
import { devOidcEnabled, parseEnv } from "./env";

const SECRET = "x".repeat(32);

/** A complete production configuration: OIDC sign-in limited to one e-mail domain. */
const PRODUCTION = {
  NODE_ENV: "production",
  AUTH_SECRET: SECRET,
  SLIPWAY_URL: "https://slipway.example.com",
  SLIPWAY_ADMINS: "alice@example.com",
  AUTH_OIDC_ISSUER: "https://idp.example.com",
  AUTH_OIDC_ID: "slipway",
  AUTH_OIDC_SECRET: "s",
  SLIPWAY_ALLOWED_EMAIL_DOMAINS: "example.com",
  SLIPWAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

/** The Error parseEnv throws for `source`; fails the test if it parses. */
function parseError(source: Record<string, string | undefined>): Error {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("expected parseEnv to throw");
}

/** The distinct variable names the error message lists, in order, from its "  NAME: message" lines. */
function namedVariables(error: Error): string[] {
  return [
    ...new Set([...error.message.matchAll(/^ {2}([A-Z_]+|\(env\)):/gm)].map((m) => m[1] ?? "")),
  ];
}

describe("parseEnv", () => {
  it("fills defaults from an empty environment", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: undefined,
      SLIPWAY_URL: "http://localhost:3000",
      AUTH_URL: "http://localhost:3000",
      SLIPWAY_DATA_DIR: ".data",
      DATABASE_URL: undefined,
      AUTH_SECRET: undefined,
      AUTH_OIDC_ISSUER: undefined,
      AUTH_OIDC_ID: undefined,
      AUTH_OIDC_SECRET: undefined,
      AUTH_OIDC_NAME: "OpenID Connect",
      AUTH_GITHUB_ID: undefined,
      AUTH_GITHUB_SECRET: undefined,
      AUTH_GITHUB_ORGS: [],
      SLIPWAY_ALLOWED_EMAIL_DOMAINS: [],
      SLIPWAY_OPEN_SIGNUP: false,
      SLIPWAY_ADMINS: [],
      SLIPWAY_TRUST_PROXY: false,
      SLIPWAY_DEV_OIDC_PORT: 3001,
      SLIPWAY_DEV_OIDC_REDIRECT_URIS: [],
      SLIPWAY_ENCRYPTION_KEY: undefined,
      SLIPWAY_ENCRYPTION_OLD_KEYS: [],
      SLIPWAY_SANDBOX: true,
      SLIPWAY_SANDBOX_PORT: 6443,
      SLIPWAY_RECONCILER: "in-process",
      SLIPWAY_RECONCILE_WORKERS: 4,
      SLIPWAY_RECONCILE_RESYNC_SECONDS: 300,
      SLIPWAY_CLUSTER_LEASE_SECONDS: 15,
      LOG_LEVEL: "info",
    });
  });

  it("reads the reconciler's settings and refuses nonsense", () => {
    const env = parseEnv({ SLIPWAY_RECONCILER: "worker-only", SLIPWAY_RECONCILE_WORKERS: "8" });
    expect([env.SLIPWAY_RECONCILER, env.SLIPWAY_RECONCILE_WORKERS]).toEqual(["worker-only", 8]);
    expect(namedVariables(parseError({ SLIPWAY_RECONCILER: "sometimes" }))).toEqual([
      "SLIPWAY_RECONCILER",
    ]);
    expect(namedVariables(parseError({ SLIPWAY_RECONCILE_WORKERS: "0" }))).toEqual([
      "SLIPWAY_RECONCILE_WORKERS",
    ]);
  });

  it("splits SLIPWAY_DEV_OIDC_REDIRECT_URIS and refuses a value that is not a URL", () => {
    expect(
      parseEnv({ SLIPWAY_DEV_OIDC_REDIRECT_URIS: " http://a.test/cb , http://b.test/cb" })
        .SLIPWAY_DEV_OIDC_REDIRECT_URIS,
    ).toEqual(["http://a.test/cb", "http://b.test/cb"]);
    expect(() => parseEnv({ SLIPWAY_DEV_OIDC_REDIRECT_URIS: "not a url" })).toThrow(
      /SLIPWAY_DEV_OIDC_REDIRECT_URIS/,
    );
  });

  it("treats empty and blank optional values as unset", () => {
    const env = parseEnv({
      DATABASE_URL: "",
      AUTH_SECRET: "   ",
      AUTH_GITHUB_ID: "",
      AUTH_GITHUB_SECRET: "",
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.AUTH_GITHUB_ID).toBeUndefined();
  });

  it("accepts postgres and postgresql DATABASE_URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u@db:5432/slipway" }).DATABASE_URL).toBe(
      "postgres://u@db:5432/slipway",
    );
    expect(parseEnv({ DATABASE_URL: "postgresql://db/slipway" }).DATABASE_URL).toBe(
      "postgresql://db/slipway",
    );
  });

  it.each(["mysql://x", "not a url"])("rejects DATABASE_URL=%j naming the variable", (value) => {
    const error = parseError({ DATABASE_URL: value });
    expect(error.message).toMatch(/^Invalid environment variables:/);
    expect(namedVariables(error)).toEqual(["DATABASE_URL"]);
  });

  it("says a non-postgres DATABASE_URL must be a postgres URL", () => {
    expect(parseError({ DATABASE_URL: "mysql://x" }).message).toContain(
      "DATABASE_URL: must be a postgres or postgresql URL",
    );
  });

  it("names the missing AUTH_OIDC_* variables when only some are set", () => {
    const onlyIssuer = parseError({ AUTH_OIDC_ISSUER: "https://idp.example.com" });
    expect(namedVariables(onlyIssuer)).toEqual(["AUTH_OIDC_ID", "AUTH_OIDC_SECRET"]);
    expect(onlyIssuer.message).toContain("AUTH_OIDC_ID: is required when any AUTH_OIDC_* is set");

    const missingSecret = parseError({
      AUTH_OIDC_ISSUER: "https://idp.example.com",
      AUTH_OIDC_ID: "slipway",
    });
    expect(namedVariables(missingSecret)).toEqual(["AUTH_OIDC_SECRET"]);

    const onlySecret = parseError({ AUTH_OIDC_SECRET: "s3cret" });
    expect(namedVariables(onlySecret)).toEqual(["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID"]);
  });

  it("accepts a complete AUTH_OIDC_* configuration", () => {
    const env = parseEnv({
      AUTH_OIDC_ISSUER: "https://idp.example.com",
      AUTH_OIDC_ID: "slipway",
      AUTH_OIDC_SECRET: "s",
    });
    expect(env).toMatchObject({
      AUTH_OIDC_ISSUER: "https://idp.example.com",
      AUTH_OIDC_ID: "slipway",
    });
  });

  it("requires AUTH_GITHUB_ID and AUTH_GITHUB_SECRET together", () => {
    const idOnly = parseError({ AUTH_GITHUB_ID: "gh-id" });
    expect(namedVariables(idOnly)).toEqual(["AUTH_GITHUB_SECRET"]);
    expect(idOnly.message).toContain("AUTH_GITHUB_ID and AUTH_GITHUB_SECRET must be set together");

    const secretOnly = parseError({ AUTH_GITHUB_SECRET: "gh-secret" });
    expect(namedVariables(secretOnly)).toEqual(["AUTH_GITHUB_ID"]);

    expect(
      parseEnv({ AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret" }).AUTH_GITHUB_ID,
    ).toBe("gh-id");
  });

  it("requires AUTH_SECRET, SLIPWAY_URL, SLIPWAY_ADMINS and a provider in production, and only there", () => {
    const error = parseError({ NODE_ENV: "production" });
    expect(namedVariables(error)).toEqual([
      "AUTH_SECRET",
      "SLIPWAY_ENCRYPTION_KEY",
      "SLIPWAY_URL",
      "SLIPWAY_ADMINS",
      "AUTH_OIDC_ISSUER",
    ]);
    expect(error.message).toContain("AUTH_SECRET: is required in production");
    expect(error.message).toContain("first-user-is-admin rule is for development only");
    expect(parseEnv(PRODUCTION).AUTH_SECRET).toBe(SECRET);
    expect(parseEnv({ NODE_ENV: "development" }).AUTH_SECRET).toBeUndefined();
  });

  it("refuses an open sign-up in production unless SLIPWAY_OPEN_SIGNUP=true says so", () => {
    const { SLIPWAY_ALLOWED_EMAIL_DOMAINS: _domains, ...openOidc } = PRODUCTION;
    const oidc = parseError(openOidc);
    expect(namedVariables(oidc)).toEqual(["SLIPWAY_ALLOWED_EMAIL_DOMAINS"]);
    expect(oidc.message).toContain("anyone with an account at the issuer could sign in");
    expect(parseEnv({ ...openOidc, SLIPWAY_OPEN_SIGNUP: "true" }).SLIPWAY_OPEN_SIGNUP).toBe(true);

    const github = {
      NODE_ENV: "production",
      AUTH_SECRET: SECRET,
      SLIPWAY_ENCRYPTION_KEY: PRODUCTION.SLIPWAY_ENCRYPTION_KEY,
      SLIPWAY_URL: "https://slipway.example.com",
      SLIPWAY_ADMINS: "alice@example.com",
      AUTH_GITHUB_ID: "gh-id",
      AUTH_GITHUB_SECRET: "gh-secret",
    };
    expect(namedVariables(parseError(github))).toEqual(["AUTH_GITHUB_ORGS"]);
    expect(parseEnv({ ...github, AUTH_GITHUB_ORGS: "Acme, acme-labs" }).AUTH_GITHUB_ORGS).toEqual([
      "acme",
      "acme-labs",
    ]);
    expect(parseEnv({ ...github, SLIPWAY_ALLOWED_EMAIL_DOMAINS: "acme.com" }).NODE_ENV).toBe(
      "production",
    );
    // Development keeps the door open: the built-in provider only knows demo users.
    expect(parseEnv({ AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret" }).NODE_ENV).toBe(
      "development",
    );
  });

  it("accepts only base64 of 32 bytes as SLIPWAY_ENCRYPTION_KEY and each SLIPWAY_ENCRYPTION_OLD_KEYS entry", () => {
    const key = Buffer.alloc(32, 1).toString("base64");
    const old = Buffer.alloc(32, 2).toString("base64");
    expect(
      parseEnv({ SLIPWAY_ENCRYPTION_KEY: key, SLIPWAY_ENCRYPTION_OLD_KEYS: ` ${old} ,` }),
    ).toMatchObject({ SLIPWAY_ENCRYPTION_KEY: key, SLIPWAY_ENCRYPTION_OLD_KEYS: [old] });
    const short = parseError({ SLIPWAY_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") });
    expect(namedVariables(short)).toEqual(["SLIPWAY_ENCRYPTION_KEY"]);
    expect(short.message).toContain("must be base64 of 32 bytes");
    expect(namedVariables(parseError({ SLIPWAY_ENCRYPTION_OLD_KEYS: `${old},nope` }))).toEqual([
      "SLIPWAY_ENCRYPTION_OLD_KEYS",
    ]);
  });

  it("refuses AUTH_GITHUB_ORGS without the GitHub provider", () => {
    expect(namedVariables(parseError({ AUTH_GITHUB_ORGS: "acme" }))).toEqual(["AUTH_GITHUB_ORGS"]);
  });

  it("splits and lower-cases SLIPWAY_ALLOWED_EMAIL_DOMAINS and refuses what is not a domain", () => {
    expect(
      parseEnv({ SLIPWAY_ALLOWED_EMAIL_DOMAINS: " Example.COM, corp.example.org ," })
        .SLIPWAY_ALLOWED_EMAIL_DOMAINS,
    ).toEqual(["example.com", "corp.example.org"]);
    for (const value of ["@example.com", "exa mple.com", "-bad.com"]) {
      expect(namedVariables(parseError({ SLIPWAY_ALLOWED_EMAIL_DOMAINS: value })), value).toEqual([
        "SLIPWAY_ALLOWED_EMAIL_DOMAINS",
      ]);
    }
  });

  it("reads SLIPWAY_OPEN_SIGNUP and SLIPWAY_TRUST_PROXY as true or false only", () => {
    expect(parseEnv({ SLIPWAY_TRUST_PROXY: "TRUE" }).SLIPWAY_TRUST_PROXY).toBe(true);
    expect(parseEnv({ SLIPWAY_TRUST_PROXY: "false" }).SLIPWAY_TRUST_PROXY).toBe(false);
    const error = parseError({ SLIPWAY_TRUST_PROXY: "yes" });
    expect(namedVariables(error)).toEqual(["SLIPWAY_TRUST_PROXY"]);
    expect(error.message).toContain('must be "true" or "false"');
  });

  it("follows the port Next listens on for SLIPWAY_URL unless SLIPWAY_URL says otherwise", () => {
    expect(parseEnv({ PORT: "3077" })).toMatchObject({
      SLIPWAY_URL: "http://localhost:3077",
      AUTH_URL: "http://localhost:3077",
    });
    expect(parseEnv({ PORT: "3077", SLIPWAY_URL: "https://portal.example.com/" })).toMatchObject({
      SLIPWAY_URL: "https://portal.example.com",
      AUTH_URL: "https://portal.example.com",
    });
    // Behind a proxy Auth.js's own AUTH_URL may differ; Slipway's URL falls back to it.
    expect(parseEnv({ AUTH_URL: "https://auth.example.com" }).SLIPWAY_URL).toBe(
      "https://auth.example.com",
    );
    expect(namedVariables(parseError({ PORT: "0" }))).toEqual(["PORT"]);
  });

  it("rejects an AUTH_SECRET shorter than 32 characters", () => {
    const error = parseError({ AUTH_SECRET: "x".repeat(31) });
    expect(namedVariables(error)).toEqual(["AUTH_SECRET"]);
    expect(error.message).toContain("must be at least 32 characters");
  });

  it("splits, trims and lower-cases SLIPWAY_ADMINS, dropping empty entries", () => {
    expect(
      parseEnv({ SLIPWAY_ADMINS: " Alice@Example.com, BOB@corp.example.org ,," }).SLIPWAY_ADMINS,
    ).toEqual(["alice@example.com", "bob@corp.example.org"]);
    expect(parseEnv({ SLIPWAY_ADMINS: "" }).SLIPWAY_ADMINS).toEqual([]);
  });

  it("refuses usernames in SLIPWAY_ADMINS: admins are matched by verified e-mail only", () => {
    const error = parseError({ SLIPWAY_ADMINS: "alice@example.com, bob" });
    expect(namedVariables(error)).toEqual(["SLIPWAY_ADMINS"]);
    expect(error.message).toContain("e-mail addresses (not usernames)");
  });

  it("rejects an unknown NODE_ENV and LOG_LEVEL, and an out-of-range dev OIDC port", () => {
    expect(namedVariables(parseError({ NODE_ENV: "staging" }))).toEqual(["NODE_ENV"]);
    expect(namedVariables(parseError({ LOG_LEVEL: "verbose" }))).toEqual(["LOG_LEVEL"]);
    expect(namedVariables(parseError({ SLIPWAY_DEV_OIDC_PORT: "70000" }))).toEqual([
      "SLIPWAY_DEV_OIDC_PORT",
    ]);
    expect(parseEnv({ SLIPWAY_DEV_OIDC_PORT: "4001" }).SLIPWAY_DEV_OIDC_PORT).toBe(4001);
  });
});

describe("devOidcEnabled", () => {
  it("is on in development and test with no real provider", () => {
    expect(devOidcEnabled(parseEnv({}))).toBe(true);
    expect(devOidcEnabled(parseEnv({ NODE_ENV: "test" }))).toBe(true);
  });

  it("is off in production", () => {
    expect(devOidcEnabled(parseEnv(PRODUCTION))).toBe(false);
  });

  it("is off when an OIDC provider is configured", () => {
    const env = parseEnv({
      AUTH_OIDC_ISSUER: "https://idp.example.com",
      AUTH_OIDC_ID: "slipway",
      AUTH_OIDC_SECRET: "s",
    });
    expect(devOidcEnabled(env)).toBe(false);
  });

  it("is off when GitHub is configured", () => {
    expect(
      devOidcEnabled(parseEnv({ AUTH_GITHUB_ID: "gh-id", AUTH_GITHUB_SECRET: "gh-secret" })),
    ).toBe(false);
  });
});
