// The few GitHub REST calls sign-in makes with the user's OAuth access token: the verified primary
// e-mail (the public profile e-mail is whatever the user typed) and organisation membership.
// The API base URL is a parameter so tests can point it at a local server playing GitHub.

export const GITHUB_API_URL = "https://api.github.com";

/** A GitHub call that failed; sign-in is refused rather than allowed on an unanswered question. */
export class GithubApiError extends Error {}

const PAGE_SIZE = 100;
// 50 pages of 100: far more organisations than anyone belongs to, yet a bound on a broken server.
const MAX_PAGES = 50;
const TIMEOUT_MS = 10_000;

async function githubGet(apiUrl: string, path: string, token: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl.replace(/\/+$/, "")}${path}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: "application/vnd.github+json",
        "User-Agent": "slipway",
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new GithubApiError(`GitHub ${path} did not answer`, { cause: error });
  }
  if (!response.ok) throw new GithubApiError(`GitHub ${path} answered ${response.status}`);
  try {
    return await response.json();
  } catch (error) {
    throw new GithubApiError(`GitHub ${path} answered something other than JSON`, {
      cause: error,
    });
  }
}

async function githubList(apiUrl: string, path: string, token: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const body = await githubGet(apiUrl, `${path}?per_page=${PAGE_SIZE}&page=${page}`, token);
    if (!Array.isArray(body)) throw new GithubApiError(`GitHub ${path} did not answer a list`);
    items.push(...(body as unknown[]));
    if (body.length < PAGE_SIZE) return items;
  }
  throw new GithubApiError(`GitHub ${path} listed more than ${MAX_PAGES} pages`);
}

function field(item: unknown, name: string): unknown {
  return typeof item === "object" && item !== null ? (item as Record<string, unknown>)[name] : null;
}

/** The user's primary e-mail if GitHub has verified it, else null (GET /user/emails). */
export async function githubVerifiedPrimaryEmail(
  token: string,
  apiUrl = GITHUB_API_URL,
): Promise<string | null> {
  const emails = await githubList(apiUrl, "/user/emails", token);
  const primary = emails.find((item) => field(item, "primary") === true);
  const email = field(primary, "email");
  return field(primary, "verified") === true && typeof email === "string" ? email : null;
}

/** Lower-cased logins of the organisations the user belongs to (GET /user/orgs, every page). */
export async function githubOrganisations(
  token: string,
  apiUrl = GITHUB_API_URL,
): Promise<string[]> {
  const orgs = await githubList(apiUrl, "/user/orgs", token);
  return orgs
    .map((item) => field(item, "login"))
    .filter((login): login is string => typeof login === "string")
    .map((login) => login.toLowerCase());
}

/** GET /user with `email` replaced by the verified primary e-mail (or null): the provider's userinfo. */
export async function githubUserWithVerifiedEmail(
  token: string,
  apiUrl = GITHUB_API_URL,
): Promise<Record<string, unknown>> {
  const [user, email] = await Promise.all([
    githubGet(apiUrl, "/user", token),
    githubVerifiedPrimaryEmail(token, apiUrl),
  ]);
  if (typeof user !== "object" || user === null) throw new GithubApiError("GitHub /user is empty");
  return { ...(user as Record<string, unknown>), email };
}
