// How a provider's profile becomes Slipway's user fields. Pure; used both by the Auth.js
// providers' profile() (new users) and on every later sign-in to refresh stored users.

export interface TProfileUser {
  /** The provider's account id (OIDC sub, GitHub numeric id). */
  id: string;
  name: string | null;
  email: string | null;
  image: string | null;
  username: string | null;
}

type TRawProfile = Record<string, unknown>;

function text(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** Usernames are stored lower-cased and trimmed; empty means none. */
export function normalizeUsername(value: unknown): string | null {
  return text(value)?.toLowerCase() ?? null;
}

export function normalizeEmail(value: unknown): string | null {
  return text(value)?.toLowerCase() ?? null;
}

/**
 * OpenID Connect claims (ID token or userinfo): preferred_username becomes the username. An email
 * is kept only when the provider vouches for it (`email_verified` exactly true; a missing claim is
 * not a promise): emails match SLIPWAY_ADMINS, SLIPWAY_ALLOWED_EMAIL_DOMAINS and find members.
 */
export function userFromOidcProfile(profile: TRawProfile): TProfileUser {
  const username = normalizeUsername(profile.preferred_username);
  return {
    id: text(profile.sub) ?? "",
    name: text(profile.name) ?? text(profile.preferred_username),
    email: profile.email_verified === true ? normalizeEmail(profile.email) : null,
    image: text(profile.picture),
    username,
  };
}

/**
 * GitHub's /user response: login becomes the username. `email` must already be the verified
 * primary address (providers.ts fetches it from /user/emails); the public profile email is not.
 */
export function userFromGithubProfile(profile: TRawProfile): TProfileUser {
  return {
    id: text(profile.id) ?? "",
    name: text(profile.name) ?? text(profile.login),
    email: normalizeEmail(profile.email),
    image: text(profile.avatar_url),
    username: normalizeUsername(profile.login),
  };
}

export type TProfileMapper = (profile: TRawProfile) => TProfileUser;
