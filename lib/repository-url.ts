// Git repository URLs Slipway accepts: https:// or ssh:// only, as Argo CD repository Secrets and
// the upstream RepositoryCredential take them. scp-style "git@host:org/repo" is refused with the
// ssh:// form to use instead; a password or token inside the URL is refused, because URLs are
// shown on pages and written into Argo CD Applications (credentials belong in a repository
// credential, sealed).

export const REPOSITORY_URL_MAX = 2048;

export type TRepositoryProtocol = "https" | "ssh";

type TParsed =
  { ok: true; protocol: TRepositoryProtocol; url: URL } | { ok: false; problem: string };

const SCP_STYLE = /^[\w.-]+@[\w.-]+:(?!\/\/)/;

export function parseRepositoryUrl(value: string): TParsed {
  const fail = (problem: string): TParsed => ({ ok: false, problem });
  if (value === "") return fail("Enter the repository URL, like https://github.com/team/app.git.");
  if (value.length > REPOSITORY_URL_MAX)
    return fail(`A repository URL has at most ${REPOSITORY_URL_MAX} characters.`);
  if (SCP_STYLE.test(value)) {
    const [userHost, path] = [
      value.slice(0, value.indexOf(":")),
      value.slice(value.indexOf(":") + 1),
    ];
    return fail(`Write it as an ssh:// URL: ssh://${userHost}/${path.replace(/^\/+/, "")}.`);
  }
  if (/\s/.test(value)) return fail("A repository URL has no spaces.");
  if (!URL.canParse(value)) return fail("Enter a URL, like https://github.com/team/app.git.");
  const url = new URL(value);
  const protocol = url.protocol === "https:" ? "https" : url.protocol === "ssh:" ? "ssh" : null;
  if (!protocol) return fail("Use an https:// or ssh:// URL; other schemes are not accepted.");
  if (url.hostname === "") return fail("The URL must name a host.");
  if (url.password !== "" || (protocol === "https" && url.username !== "")) {
    return fail(
      "Leave credentials out of the URL; add them as a repository credential of the space.",
    );
  }
  if (url.pathname === "" || url.pathname === "/")
    return fail("The URL must name a repository, like https://github.com/team/app.git.");
  return { ok: true, protocol, url };
}

/** A message describing what is wrong with a repository URL, or null when it is accepted. */
export function repositoryUrlProblem(value: string): string | null {
  const parsed = parseRepositoryUrl(value);
  return parsed.ok ? null : parsed.problem;
}

/** The protocol of an accepted URL ("https" or "ssh"), else null. */
export function repositoryProtocol(value: string): TRepositoryProtocol | null {
  const parsed = parseRepositoryUrl(value);
  return parsed.ok ? parsed.protocol : null;
}
