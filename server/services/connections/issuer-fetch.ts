// The fetch oauth4webapi uses to talk to a cluster's identity provider: node:https with the CA the
// admin configured (`--oidc-ca-file`'s content), as the API server itself trusts it. Node's global
// fetch cannot take a CA per request, hence this small adapter.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { allowInsecureRequests, customFetch } from "oauth4webapi";

/** Token, discovery and JWKS answers are small; a larger one is a wrong endpoint. */
const MAX_BYTES = 1 << 20;
const TIMEOUT_MS = 10_000;

interface TFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams | null;
  signal?: AbortSignal | null;
}

/** `ca`: the PEM(s) to trust instead of the system roots; null: the system roots. */
export function issuerFetch(ca: string | string[] | null, insecureSkipTlsVerify = false) {
  return (url: string, init: TFetchInit = {}): Promise<Response> =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const body = init.body == null ? undefined : String(init.body);
      const options = {
        method: init.method ?? "GET",
        headers: init.headers ?? {},
        signal: init.signal ?? undefined,
        ...(u.protocol === "https:" && ca ? { ca } : {}),
        ...(insecureSkipTlsVerify ? { rejectUnauthorized: false } : {}),
      };
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) req.destroy(new Error(`${u.pathname} answered more than 1 MiB`));
          else chunks.push(chunk);
        });
        res.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const v of value) headers.append(name, v);
            else if (value !== undefined) headers.set(name, value);
          }
          const status = res.statusCode ?? 500;
          const noBody = status === 204 || status === 304;
          resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers }));
        });
        res.on("error", reject);
      };
      const req =
        u.protocol === "https:"
          ? httpsRequest(u, options, onResponse)
          : httpRequest(u, options, onResponse);
      req.setTimeout(TIMEOUT_MS, () =>
        req.destroy(new Error(`the issuer did not answer within ${TIMEOUT_MS / 1000} s`)),
      );
      req.on("error", reject);
      req.end(body);
    });
}

/** oauth4webapi's options for one issuer: the fetch above, and plain http only on loopback. */
export function issuerRequestOptions(
  issuerUrl: string,
  ca: string | string[] | null,
  insecureSkipTlsVerify = false,
) {
  return {
    [customFetch]: issuerFetch(ca, insecureSkipTlsVerify),
    // The development provider serves http://localhost; validators and settings refuse http
    // anywhere else (set-cluster-sign-in).
    ...(new URL(issuerUrl).protocol === "http:" ? { [allowInsecureRequests]: true } : {}),
  };
}
