// What a browser and a confidential web client do against OpenShift's OAuth server, over real
// HTTPS with the server's CA: open /oauth/authorize, fill in the login form it answers (posting
// every field the form carries, as a browser submits it), follow nothing (the 302's Location is the
// result), and exchange the code at /oauth/token.
import { createHash, randomBytes } from "node:crypto";
import { request as httpsRequest } from "node:https";

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: Record<string, unknown>;
}

export function call(
  caPem: string,
  method: string,
  url: string,
  opts: { form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  const headers: Record<string, string> = { ...opts.headers };
  if (body !== undefined) headers["Content-Type"] = "application/x-www-form-urlencoded";
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method, ca: caPem, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // HTML or empty: callers read `text`.
        }
        const flat = Object.fromEntries(
          Object.entries(res.headers).map(([k, v]) => [k, String(v)]),
        );
        resolve({ status: res.statusCode ?? 0, headers: flat, text, json });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

const unescapeHtml = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

/** The form's fields as a browser would submit them (hidden ones keep their values). */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const name = m[0].match(/\bname="([^"]*)"/)?.[1];
    if (!name) continue;
    fields[name] = unescapeHtml(m[0].match(/\bvalue="([^"]*)"/)?.[1] ?? "");
  }
  return fields;
}

export interface AuthorizeParams {
  client_id: string;
  redirect_uri?: string;
  response_type?: string;
  scope?: string;
  state?: string;
  code_challenge?: string;
  code_challenge_method?: string;
}

/** Opens the authorize URL, then logs in through the form it shows. */
export async function authorizeAndLogin(
  issuer: string,
  caPem: string,
  params: AuthorizeParams,
  login: { username: string; password: string },
): Promise<{ page: HttpAnswer; answer: HttpAnswer }> {
  const query = new URLSearchParams({ response_type: "code", ...params });
  return logInThrough(`${issuer}/oauth/authorize?${query}`, caPem, login);
}

/** Opens an authorization URL as a browser would, then posts the login form it shows. */
export async function logInThrough(
  authorizationUrl: string,
  caPem: string,
  login: { username: string; password: string },
): Promise<{ page: HttpAnswer; answer: HttpAnswer }> {
  const page = await call(caPem, "GET", authorizationUrl);
  if (page.status !== 200) return { page, answer: page };
  const action = page.text.match(/<form[^>]*action="([^"]*)"/)?.[1] ?? "";
  const answer = await call(caPem, "POST", new URL(action, authorizationUrl).toString(), {
    form: { ...formFields(page.text), ...login },
  });
  return { page, answer };
}

/** The redirect's query (code, state, error…) from a 302 answer. */
export function redirectParams(answer: HttpAnswer): URLSearchParams {
  return new URL(answer.headers.location ?? "").searchParams;
}
