// Who may sign in, beyond having an account at a configured provider: SLIPWAY_ALLOWED_EMAIL_DOMAINS
// (the verified e-mail's domain) and AUTH_GITHUB_ORGS (membership, asked of GitHub at sign-in).
// Decided in Auth.js's signIn callback, before any user row or session is written.
import type { Logger } from "pino";
import { GithubApiError, githubOrganisations } from "./github-api";
import type { TProviderKind } from "./providers";

export type TSignInRefusal =
  "email-unverified" | "email-domain" | "github-org" | "github-unavailable";

/** What the sign-in page says after "Your account is not allowed to sign in here: ". */
export const SIGN_IN_REFUSALS: Record<TSignInRefusal, string> = {
  "email-unverified":
    "your identity provider did not give a verified e-mail address, and this server only admits addresses in certain domains.",
  "email-domain": "your verified e-mail address is not in a domain this server admits.",
  "github-org": "you are not a member of a GitHub organisation this server admits.",
  "github-unavailable":
    "GitHub could not confirm your organisation membership just now. Try again in a moment.",
};

export function isSignInRefusal(value: unknown): value is TSignInRefusal {
  return typeof value === "string" && Object.hasOwn(SIGN_IN_REFUSALS, value);
}

export interface TSignInPolicy {
  /** Lower-cased; empty admits every domain. */
  allowedEmailDomains: readonly string[];
  /** Lower-cased GitHub organisation logins; empty admits every GitHub user. */
  githubOrgs: readonly string[];
  githubApiUrl: string;
}

export interface TSignInAttempt {
  kind: TProviderKind;
  /** The verified e-mail the provider gave (profile.ts drops unverified ones), or null. */
  email: string | null;
  /** The provider's OAuth access token (GitHub's is needed to ask about organisations). */
  accessToken?: string;
}

/** Exactly one of the listed domains after the last "@": "a@x.example.com" is not in "example.com". */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  return email.includes("@") && domains.includes(domain);
}

/** Null when the attempt may proceed, else why not. A GitHub error refuses; it never admits. */
export async function signInRefusal(
  attempt: TSignInAttempt,
  policy: TSignInPolicy,
  log?: Pick<Logger, "warn">,
): Promise<TSignInRefusal | null> {
  if (policy.allowedEmailDomains.length > 0) {
    if (!attempt.email) return "email-unverified";
    if (!emailDomainAllowed(attempt.email, policy.allowedEmailDomains)) return "email-domain";
  }
  if (attempt.kind === "github" && policy.githubOrgs.length > 0) {
    if (!attempt.accessToken) return "github-unavailable";
    let orgs: string[];
    try {
      orgs = await githubOrganisations(attempt.accessToken, policy.githubApiUrl);
    } catch (error) {
      if (!(error instanceof GithubApiError)) throw error;
      log?.warn({ err: error }, "could not ask GitHub about organisation membership");
      return "github-unavailable";
    }
    if (!orgs.some((org) => policy.githubOrgs.includes(org))) return "github-org";
  }
  return null;
}
