// client-node's transport (its `httpApi`, the HttpLibrary extension point of createConfiguration),
// over `https.request` instead of node-fetch. node-fetch wraps every request in a WHATWG Request,
// Headers, a parsed URL and a PassThrough stream for the body; for a reconciler sending ten small
// requests per environment that was most of the client's CPU beyond TLS and HTTP themselves.
// Everything above the transport stays client-node's: the KubeConfig's authentication and
// keep-alive agent (applySecurityAuthentication), middleware, ApiException on failure.
import type { IncomingHttpHeaders } from "node:http";
import https from "node:https";
import {
  Observable,
  ResponseContext,
  type HttpLibrary,
  type RequestContext,
} from "@kubernetes/client-node";

export class HttpsLibrary implements HttpLibrary {
  send(request: RequestContext): Observable<ResponseContext> {
    return new Observable(send(request));
  }
}

function send(request: RequestContext): Promise<ResponseContext> {
  const body = request.getBody();
  if (body !== undefined && typeof body !== "string") {
    // Form bodies are for endpoints Slipway does not call (client-node never builds one for them).
    return Promise.reject(new Error("HttpsLibrary sends string bodies only"));
  }
  return new Promise((resolve, reject) => {
    const outgoing = https.request(
      request.getUrl(),
      {
        method: request.getHttpMethod(),
        headers: request.getHeaders(),
        agent: request.getAgent(),
        signal: request.getSignal(),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const buffer = Buffer.concat(chunks);
          resolve(
            new ResponseContext(response.statusCode ?? 0, headersOf(response.headers), {
              text: () => Promise.resolve(buffer.toString("utf8")),
              binary: () => Promise.resolve(buffer),
            }),
          );
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** As node-fetch gave them: lower-case names, repeated headers joined with ", ". */
function headersOf(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
