// The sign-in providers Slipway offers, derived from the environment: a generic OpenID Connect
// provider (AUTH_OIDC_*), GitHub (AUTH_GITHUB_*), and the built-in development provider when
// neither is configured outside production.
import type { OIDCConfig, Provider } from "next-auth/providers";
import GitHub, { type GitHubProfile } from "next-auth/providers/github";
import { devOidcEnabled, env, type TEnv } from "@/server/env";
import {
  DEV_OIDC_CLIENT_ID,
  DEV_OIDC_CLIENT_SECRET,
  DEV_PROVIDER_ID,
  DEV_PROVIDER_NAME,
  devOidcIssuer,
} from "@/server/dev/oidc/constants";
import { GITHUB_API_URL, githubUserWithVerifiedEmail } from "./github-api";
import {
  userFromGithubProfile,
  userFromOidcProfile,
  type TProfileMapper,
  type TProfileUser,
} from "./profile";

export type TProviderKind = "oidc" | "github" | "dev";

export interface TProviderInfo {
  /** Auth.js provider id, used in signIn(id) and /api/auth/callback/<id>. */
  id: string;
  name: string;
  kind: TProviderKind;
}

/** The providers shown on the sign-in page, in order. */
export function configuredProviders(e: TEnv = env): TProviderInfo[] {
  const providers: TProviderInfo[] = [];
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID && e.AUTH_OIDC_SECRET) {
    providers.push({ id: "oidc", name: e.AUTH_OIDC_NAME, kind: "oidc" });
  }
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET)
    providers.push({ id: "github", name: "GitHub", kind: "github" });
  if (devOidcEnabled(e))
    providers.push({ id: DEV_PROVIDER_ID, name: DEV_PROVIDER_NAME, kind: "dev" });
  return providers;
}

/** The kind of a configured provider, by its Auth.js id; undefined for an unknown id. */
export function providerKindFor(providerId: string, e: TEnv = env): TProviderKind | undefined {
  return configuredProviders(e).find((provider) => provider.id === providerId)?.kind;
}

const MAPPERS: Record<TProviderKind, TProfileMapper> = {
  oidc: userFromOidcProfile,
  dev: userFromOidcProfile,
  github: userFromGithubProfile,
};

/** Maps a provider's raw profile to Slipway's user fields; undefined for an unknown provider id. */
export function profileMapperFor(providerId: string, e: TEnv = env): TProfileMapper | undefined {
  const kind = providerKindFor(providerId, e);
  return kind ? MAPPERS[kind] : undefined;
}

/** What profile() hands Auth.js: it becomes the adapter's createUser() input, username included. */
function toAuthUser(user: TProfileUser) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    image: user.image,
    username: user.username,
  };
}

function oidcProvider(options: {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
}): OIDCConfig<Record<string, unknown>> {
  return {
    ...options,
    type: "oidc",
    authorization: { params: { scope: "openid profile email" } },
    checks: ["pkce", "state"],
    profile: (profile) => toAuthUser(userFromOidcProfile(profile)),
  };
}

/**
 * GitHub, asking for the scopes sign-in needs (read:org to check AUTH_GITHUB_ORGS) and taking the
 * verified primary e-mail from /user/emails instead of the profile's public one.
 */
function githubProvider(e: TEnv, apiUrl: string): Provider {
  return GitHub({
    clientId: e.AUTH_GITHUB_ID,
    clientSecret: e.AUTH_GITHUB_SECRET,
    authorization: { params: { scope: "read:user user:email read:org" } },
    userinfo: {
      url: `${apiUrl}/user`,
      request: ({ tokens }: { tokens: { access_token?: string } }) =>
        githubUserWithVerifiedEmail(tokens.access_token ?? "", apiUrl),
    },
    profile: (profile: GitHubProfile) => toAuthUser(userFromGithubProfile(profile)),
  });
}

export interface TProviderOptions {
  /** GitHub's REST API; only tests point it elsewhere. */
  githubApiUrl?: string;
}

export function buildProviders(e: TEnv = env, options: TProviderOptions = {}): Provider[] {
  return configuredProviders(e).map((info): Provider => {
    switch (info.kind) {
      case "oidc":
        return oidcProvider({
          id: info.id,
          name: info.name,
          issuer: e.AUTH_OIDC_ISSUER!,
          clientId: e.AUTH_OIDC_ID!,
          clientSecret: e.AUTH_OIDC_SECRET!,
        });
      case "github":
        return githubProvider(e, options.githubApiUrl ?? GITHUB_API_URL);
      case "dev":
        return oidcProvider({
          id: info.id,
          name: info.name,
          issuer: devOidcIssuer(e.SLIPWAY_DEV_OIDC_PORT),
          clientId: DEV_OIDC_CLIENT_ID,
          clientSecret: DEV_OIDC_CLIENT_SECRET,
        });
    }
  });
}
