// `--openshift-oauth=<file>` for the CLI: a JSON file of OpenShiftOAuthOptions (users and OAuth
// clients; `now` is not settable from a file), checked so a typo fails the start with its path.
import { readFile } from "node:fs/promises";
import { type OpenShiftOAuthOptions } from "./openshift-oauth.js";

export const OPENSHIFT_OAUTH_USAGE =
  '[--openshift-oauth FILE]   FILE: {"users":[{"name","password","groups"?}],"clients":[{"name","secret"?,"redirectURIs":[…],"accessTokenMaxAgeSeconds"?}]}';

const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === "string");

/** The options a file describes. Throws an Error naming the file and what is wrong. */
export async function openShiftOAuthFromFile(path: string): Promise<OpenShiftOAuthOptions> {
  const fail = (what: string) => new Error(`--openshift-oauth ${path}: ${what}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw fail((e as Error).message);
  }
  const { users, clients } = (parsed ?? {}) as { users?: unknown; clients?: unknown };
  if (!Array.isArray(users) || !Array.isArray(clients))
    throw fail('expected {"users": [...], "clients": [...]}');
  (users as Record<string, unknown>[]).forEach((u, i) => {
    if (typeof u?.name !== "string" || typeof u.password !== "string")
      throw fail(`users[${i}] needs a name and a password`);
    if (u.groups !== undefined && !isStringList(u.groups))
      throw fail(`users[${i}].groups must be a list of names`);
  });
  (clients as Record<string, unknown>[]).forEach((c, i) => {
    if (typeof c?.name !== "string" || !isStringList(c.redirectURIs))
      throw fail(`clients[${i}] needs a name and redirectURIs`);
    if (c.secret !== undefined && typeof c.secret !== "string")
      throw fail(`clients[${i}].secret must be a string`);
    const maxAge = c.accessTokenMaxAgeSeconds;
    if (maxAge !== undefined && !(Number.isInteger(maxAge) && (maxAge as number) >= 0))
      throw fail(`clients[${i}].accessTokenMaxAgeSeconds must be a whole number of seconds`);
  });
  // Every entry was checked above.
  const checked = { users: users as unknown, clients: clients as unknown };
  return checked as OpenShiftOAuthOptions;
}
