import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";
import { buildProviders, configuredProviders, profileMapperFor } from "./providers";

type TWithProfile = {
  profile?: (profile: Record<string, unknown>) => unknown;
  options?: { profile?: (profile: Record<string, unknown>) => unknown };
};

/** The profile() Auth.js will use: user options (built-in providers) override the provider's default. */
function effectiveProfile(provider: unknown): (profile: Record<string, unknown>) => unknown {
  const { profile, options } = provider as TWithProfile;
  const result = options?.profile ?? profile;
  if (!result) throw new Error("provider has no profile()");
  return result;
}

/** What production requires besides the providers (see server/env.ts). */
const productionEnv = {
  NODE_ENV: "production",
  AUTH_SECRET: "x".repeat(32),
  SLIPWAY_URL: "https://slipway.example.com",
  SLIPWAY_ADMINS: "admin@acme.com",
  SLIPWAY_ALLOWED_EMAIL_DOMAINS: "acme.com",
  SLIPWAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

const oidcEnv = {
  AUTH_OIDC_ISSUER: "https://idp.example.com/realms/acme",
  AUTH_OIDC_ID: "slipway",
  AUTH_OIDC_SECRET: "secret",
  AUTH_OIDC_NAME: "Acme SSO",
};

describe("configuredProviders", () => {
  it("offers only the development provider when nothing is configured outside production", () => {
    expect(configuredProviders(parseEnv({ NODE_ENV: "development" }))).toEqual([
      { id: "dev", name: "Slipway development login", kind: "dev" },
    ]);
  });

  it("offers the configured providers and no development provider", () => {
    const e = parseEnv({
      NODE_ENV: "development",
      ...oidcEnv,
      AUTH_GITHUB_ID: "gh",
      AUTH_GITHUB_SECRET: "ghs",
    });
    expect(configuredProviders(e)).toEqual([
      { id: "oidc", name: "Acme SSO", kind: "oidc" },
      { id: "github", name: "GitHub", kind: "github" },
    ]);
  });

  it("never offers the development provider in production", () => {
    expect(configuredProviders(parseEnv({ ...productionEnv, ...oidcEnv }))).toEqual([
      { id: "oidc", name: "Acme SSO", kind: "oidc" },
    ]);
  });
});

describe("buildProviders", () => {
  it("points the development provider at the local issuer with its fixed client", () => {
    const [dev] = buildProviders(
      parseEnv({ NODE_ENV: "development", SLIPWAY_DEV_OIDC_PORT: "3999" }),
    );
    expect(dev).toMatchObject({
      id: "dev",
      type: "oidc",
      issuer: "http://localhost:3999",
      clientId: "slipway-dev",
      clientSecret: "slipway-dev-secret",
    });
  });

  it("configures generic OIDC from the environment and maps preferred_username to username", async () => {
    const [oidc] = buildProviders(parseEnv({ ...productionEnv, ...oidcEnv }));
    expect(oidc).toMatchObject({
      id: "oidc",
      name: "Acme SSO",
      type: "oidc",
      issuer: oidcEnv.AUTH_OIDC_ISSUER,
    });
    const profile = effectiveProfile(oidc);
    expect(
      await profile({
        sub: "u1",
        name: "Eve",
        email: "Eve@Acme.com",
        email_verified: true,
        preferred_username: "Eve.Smith",
      }),
    ).toEqual({ id: "u1", name: "Eve", email: "eve@acme.com", image: null, username: "eve.smith" });
  });

  it("maps GitHub's login to the username", async () => {
    const e = parseEnv({
      ...productionEnv,
      AUTH_GITHUB_ID: "a",
      AUTH_GITHUB_SECRET: "b",
    });
    const [github] = buildProviders(e);
    const profile = effectiveProfile(github);
    expect(
      await profile({ id: 7, login: "OctoCat", name: "The Octocat", email: null, avatar_url: "u" }),
    ).toMatchObject({
      id: "7",
      username: "octocat",
    });
    expect(profileMapperFor("github", e)).toBeDefined();
    expect(profileMapperFor("dev", e)).toBeUndefined();
  });

  it("asks GitHub for read:org and e-mails, at the API it is given", () => {
    const e = parseEnv({ ...productionEnv, AUTH_GITHUB_ID: "a", AUTH_GITHUB_SECRET: "b" });
    const [github] = buildProviders(e, { githubApiUrl: "http://127.0.0.1:4000" }) as unknown as {
      options: { authorization: { params: { scope: string } }; userinfo: { url: string } };
    }[];
    expect(github!.options.authorization.params.scope.split(" ").sort()).toEqual([
      "read:org",
      "read:user",
      "user:email",
    ]);
    expect(github!.options.userinfo.url).toBe("http://127.0.0.1:4000/user");
  });
});
