// Logging in at the test server's emulated OpenShift OAuth server as a browser would, over HTTPS
// trusting the server's CA: the authorize request shows a login form, posting it (with the hidden
// fields carrying the request) answers with a redirect to the client's redirect URI.
import { request as httpsRequest } from "node:https";

interface TAnswer {
  status: number;
  location: string | undefined;
  body: string;
}

function send(url: string, ca: string, form?: URLSearchParams): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const body = form?.toString();
    const req = httpsRequest(
      url,
      {
        method: form ? "POST" : "GET",
        ca,
        headers: form ? { "content-type": "application/x-www-form-urlencoded" } : {},
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const decode = (html: string) =>
  html
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** The login form's action and hidden fields. */
function loginForm(html: string, pageUrl: string): { action: string; fields: URLSearchParams } {
  const form = /<form\b[^>]*>/i.exec(html)?.[0];
  if (!form) throw new Error(`no login form on ${pageUrl}: ${html.slice(0, 200)}`);
  const action = decode(/action="([^"]*)"/i.exec(form)?.[1] ?? "");
  const fields = new URLSearchParams();
  for (const [input] of html.matchAll(/<input\b[^>]*>/gi)) {
    if (!/type="hidden"/i.test(input)) continue;
    const name = /name="([^"]*)"/i.exec(input)?.[1];
    if (name) fields.set(decode(name), decode(/value="([^"]*)"/i.exec(input)?.[1] ?? ""));
  }
  return { action: new URL(action || pageUrl, pageUrl).toString(), fields };
}

/**
 * From the authorization URL through the login form; returns where the OAuth server redirects
 * (the callback with `code` and `state`, or with `error`). Throws when it answers otherwise.
 */
export async function logInAtOpenShift(
  authorizationUrl: string,
  ca: string,
  login: { username: string; password: string },
): Promise<URL> {
  const page = await send(authorizationUrl, ca);
  if (page.status !== 200)
    throw new Error(`the OAuth server answered ${page.status}: ${page.body.slice(0, 200)}`);
  const { action, fields } = loginForm(page.body, authorizationUrl);
  fields.set("username", login.username);
  fields.set("password", login.password);
  const posted = await send(action, ca, fields);
  if (posted.status !== 302 || !posted.location)
    throw new Error(`the login answered ${posted.status}: ${posted.body.slice(0, 200)}`);
  return new URL(posted.location);
}
