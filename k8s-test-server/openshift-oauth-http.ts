// The unauthenticated endpoints of the emulated OpenShift OAuth server, on the API server's own
// HTTPS listener: discovery, /oauth/authorize (login form) and /oauth/token.
import { type IncomingMessage, type ServerResponse } from "node:http";
import { AUTHORIZE_PARAMS, loginPage } from "./openshift-oauth-login.js";
import { type OpenShiftOAuth } from "./openshift-oauth.js";
import { readLimitedBody } from "./request-body.js";

export const OAUTH_METADATA_PATH = "/.well-known/oauth-authorization-server";

/** osin's response headers: OAuth answers are never cached. */
const NO_STORE = {
  "Cache-Control": "no-cache, no-store, max-age=0, must-revalidate",
  Pragma: "no-cache",
  Expires: "Fri, 01 Jan 1990 00:00:00 GMT",
};

function reply(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string>,
): number {
  res.writeHead(status, { "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
  return status;
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  reply(res, status, `${JSON.stringify(body)}\n`, {
    "Content-Type": "application/json",
    ...NO_STORE,
  });

const html = (res: ServerResponse, status: number, body: string) =>
  reply(res, status, body, { "Content-Type": "text/html; charset=UTF-8", ...NO_STORE });

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readLimitedBody(req)).toString("utf8"));
}

/**
 * Serves the request when it is one of the OAuth server's paths and answers its status code;
 * undefined for every other path (the API server handles those).
 */
export async function serveOpenShiftOAuth(
  oauth: OpenShiftOAuth,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  path: string,
): Promise<number | undefined> {
  const method = req.method ?? "GET";
  if (path === OAUTH_METADATA_PATH) {
    if (method !== "GET") return reply(res, 405, "", {});
    return reply(res, 200, JSON.stringify(oauth.metadata(), null, 2), {
      "Content-Type": "application/json",
    });
  }
  if (path === "/oauth/token") {
    // osin also accepts the parameters of a GET (AllowGetAccessRequest).
    if (method !== "POST" && method !== "GET")
      return json(res, 400, {
        error: "invalid_request",
        error_description: "Request must be POST",
      });
    const form = method === "POST" ? await formBody(req) : url.searchParams;
    const answer = oauth.token(form, req.headers.authorization);
    return json(res, answer.status, answer.body);
  }
  if (path === "/oauth/authorize") {
    if (method !== "GET" && method !== "POST") return reply(res, 405, "", {});
    const form = method === "POST" ? await formBody(req) : url.searchParams;
    const params = new URLSearchParams();
    for (const k of AUTHORIZE_PARAMS) if (form.has(k)) params.set(k, form.get(k) ?? "");
    const outcome = oauth.authorize(params);
    if (outcome.kind === "error") return json(res, outcome.status, outcome.body);
    if (outcome.kind === "redirect") return reply(res, 302, "", { Location: outcome.location });
    if (method === "GET") return html(res, 200, loginPage(params));
    const user = oauth.checkPassword(form.get("username") ?? "", form.get("password") ?? "");
    if (!user) return html(res, 401, loginPage(params, { failed: true }));
    return reply(res, 302, "", { Location: oauth.grant(outcome.request, user), ...NO_STORE });
  }
  return undefined;
}
