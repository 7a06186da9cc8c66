// GET a small JSON document from an identity provider (discovery, JWKS), trusting the given CA (or
// the system roots), and say what went wrong in the words an admin can act on. Never follows
// redirects: an issuer's documents live at fixed places, and a redirect means a wrong URL.
import { get as httpGet, type IncomingMessage } from "node:http";
import { get as httpsGet } from "node:https";
import { explainKubernetesError } from "@/server/k8s/explain-error";

export interface TFetchIssuerOptions {
  caData?: string | null;
  insecureSkipTlsVerify?: boolean;
  timeoutMs?: number;
  /** Who answers, in messages: "the issuer" (default) or "the API server". */
  speaker?: string;
}

export type TFetchedJson =
  { ok: true; body: Record<string, unknown> } | { ok: false; problem: string };

/** Discovery documents and key sets are small; a larger answer is a wrong URL. */
const MAX_BYTES = 1 << 20;

export function fetchIssuerJson(
  url: string,
  options: TFetchIssuerOptions = {},
): Promise<TFetchedJson> {
  const u = new URL(url);
  const where = u.pathname;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const speaker = options.speaker ?? "the issuer";
  return new Promise((resolve) => {
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BYTES) chunks.push(chunk);
        else req.destroy();
      });
      res.on("end", () => {
        if (res.statusCode !== 200) {
          resolve({ ok: false, problem: `${speaker} answered ${res.statusCode} for ${where}` });
          return;
        }
        if (size > MAX_BYTES) {
          resolve({ ok: false, problem: `${where} is larger than 1 MiB: is the URL right?` });
          return;
        }
        try {
          const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          if (typeof body === "object" && body !== null && !Array.isArray(body))
            resolve({ ok: true, body: body as Record<string, unknown> });
          else resolve({ ok: false, problem: `${where} is not a JSON object` });
        } catch {
          resolve({ ok: false, problem: `${where} is not JSON` });
        }
      });
    };
    const headers = { Accept: "application/json" };
    const req =
      u.protocol === "https:"
        ? httpsGet(
            u,
            {
              headers,
              ...(options.caData ? { ca: options.caData } : {}),
              rejectUnauthorized: !options.insecureSkipTlsVerify,
            },
            onResponse,
          )
        : httpGet(u, { headers }, onResponse);
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ ok: false, problem: `${speaker} did not answer within ${timeoutMs / 1000} s` });
    });
    req.on("error", (error) => {
      resolve({ ok: false, problem: explainKubernetesError(error).message });
    });
  });
}
