// GET a JSON document from an OIDC issuer. Trust is the given CA (or the system roots), never
// "skip verify"; plain http only when the caller allows it (see OidcIssuerOptions.allowInsecureIssuer).
import { get as httpGet, type IncomingMessage } from "node:http";
import { get as httpsGet } from "node:https";
import { isPlainObject, type JsonObject } from "./json.js";

export interface GetJsonOptions {
  caPem?: string;
  allowHttp?: boolean;
  timeoutMs?: number;
}

/** Issuer documents are small; a larger answer is a misconfigured URL, not a key set. */
const MAX_BYTES = 1 << 20;

export function getJson(url: string, opts: GetJsonOptions = {}): Promise<JsonObject> {
  const u = new URL(url);
  if (u.protocol !== "https:" && !(u.protocol === "http:" && opts.allowHttp))
    return Promise.reject(new Error(`${url}: only https is allowed`));
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_BYTES) req.destroy(new Error(`${url}: response larger than ${MAX_BYTES}`));
        else chunks.push(c);
      });
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (res.statusCode !== 200) {
          reject(new Error(`${url}: ${res.statusCode} ${text.slice(0, 200)}`));
          return;
        }
        try {
          const body: unknown = JSON.parse(text);
          if (isPlainObject(body)) resolve(body);
          else reject(new Error(`${url}: not a JSON object`));
        } catch (e) {
          reject(new Error(`${url}: ${(e as Error).message}`));
        }
      });
    };
    const headers = { Accept: "application/json" };
    const req =
      u.protocol === "https:"
        ? httpsGet(u, { headers, ...(opts.caPem ? { ca: opts.caPem } : {}) }, onResponse)
        : httpGet(u, { headers }, onResponse);
    req.setTimeout(opts.timeoutMs ?? 10_000, () =>
      req.destroy(new Error(`${url}: no answer within ${opts.timeoutMs ?? 10_000} ms`)),
    );
    req.on("error", reject);
  });
}
