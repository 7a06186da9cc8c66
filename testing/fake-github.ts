// A local HTTP server playing the parts of GitHub's REST API that sign-in calls, for tests:
// /user, /user/emails and /user/orgs (paginated like GitHub: per_page and page), per access token.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface TFakeGithubAccount {
  user: Record<string, unknown>;
  emails: { email: string; primary: boolean; verified: boolean }[];
  orgs: string[];
  /** Answer /user/orgs with this status instead (e.g. 403 when read:org was not granted). */
  orgsStatus?: number;
}

export interface TFakeGithub {
  url: string;
  /** Every path (with query) requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeGithub(
  accounts: Record<string, TFakeGithubAccount>,
): Promise<TFakeGithub> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://github.invalid");
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const account = token ? accounts[token] : undefined;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!account) return send(401, { message: "Bad credentials" });
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const paged = <T>(items: T[]) => items.slice((page - 1) * perPage, page * perPage);
    switch (url.pathname) {
      case "/user":
        return send(200, account.user);
      case "/user/emails":
        return send(200, paged(account.emails));
      case "/user/orgs":
        if (account.orgsStatus) return send(account.orgsStatus, { message: "Forbidden" });
        return send(200, paged(account.orgs.map((login, index) => ({ login, id: index + 1 }))));
      default:
        return send(404, { message: "Not Found" });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
