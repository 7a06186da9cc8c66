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

const MAPPERS: Record<TProviderKind, TProfileMapper> = {
  oidc: userFromOidcProfile,
  dev: userFromOidcProfile,
  github: userFromGithubProfile,
};

/** Maps a provider's raw profile to Slipway's user fields; undefined for an unknown provider id. */
export function profileMapperFor(providerId: string, e: TEnv = env): TProfileMapper | undefined {
  const info = configuredProviders(e).find((provider) => provider.id === providerId);
  return info ? MAPPERS[info.kind] : undefined;
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

export function buildProviders(e: TEnv = env): Provider[] {
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
        return GitHub({
          clientId: e.AUTH_GITHUB_ID,
          clientSecret: e.AUTH_GITHUB_SECRET,
          profile: (profile: GitHubProfile) => toAuthUser(userFromGithubProfile(profile)),
        });
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
