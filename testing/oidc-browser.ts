// A browser good enough to drive an OpenID provider's pages over plain HTTP in tests: a cookie jar
// and redirect following (self-submitting form_post pages included) up to the client's redirect URI.

/** A cookie jar good enough for one host: remembers name=value pairs, honours deletions. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = "", raw = ""] = attribute.split("=");
        const k = key.trim().toLowerCase();
        return (
          (k === "max-age" && Number(raw) <= 0) || (k === "expires" && Date.parse(raw) < Date.now())
        );
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export async function request(
  jar: CookieJar,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set("cookie", cookie);
  const response = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(response);
  return response;
}

/** The provider's self-submitting form (form_post), which a browser would post via JavaScript. */
function autoSubmitForm(html: string): { action: string; fields: URLSearchParams } | undefined {
  if (!html.includes("document.forms[0].submit()")) return undefined;
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) return undefined;
  const fields = new URLSearchParams();
  for (const [, name = "", value = ""] of html.matchAll(
    /<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g,
  )) {
    fields.set(name, value);
  }
  return { action, fields };
}

/**
 * Follows redirects (and self-submitting forms) on the provider, like a browser, until a page is
 * served or the client's redirect URI is reached.
 */
export async function follow(
  jar: CookieJar,
  start: Response,
  base: string,
  redirectUri: string,
): Promise<{ response: Response; url: string }> {
  let response = start;
  let url = base;
  for (let hops = 0; hops < 10; hops += 1) {
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      if (url.startsWith(redirectUri)) return { response, url };
      response = await request(jar, url);
      continue;
    }
    if (response.status !== 200) return { response, url };
    const html = await response.clone().text();
    const form = autoSubmitForm(html);
    if (!form) return { response, url };
    url = new URL(form.action, url).toString();
    response = await request(jar, url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.fields.toString(),
    });
  }
  throw new Error("too many redirects");
}
