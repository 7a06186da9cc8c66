// client-node's KubernetesObjectApi runs every apply through its typed models twice: the body is
// serialised from the typed shape (`_default`) and the answer deserialised into it, after which
// Slipway converted it back to the wire shape it records and compares (toWireShape) — and the
// request itself goes through rxjs, node-fetch and a PassThrough stream per answer. Per apply
// that was most of the client's CPU. `applyWire` sends an object already in the wire shape with
// one `https.request` on the cluster's keep-alive agent (the same URL, headers and credentials
// client-node would use) and answers with the server's JSON as it came; a failure is the
// ApiException client-node throws, and network errors keep their codes, so explainKubernetesError
// and retryOnStaleConnection treat them as before.
import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import {
  ApiException,
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
  type RequestContext,
} from "@kubernetes/client-node";
import { HttpMethod } from "@kubernetes/client-node/dist/gen/http/http.js";

export class ClusterObjectApi extends KubernetesObjectApi {
  static forKubeConfig(kubeConfig: KubeConfig): ClusterObjectApi {
    const api = kubeConfig.makeApiClient(ClusterObjectApi);
    api.setDefaultNamespace(kubeConfig);
    return api;
  }

  /**
   * Server-side apply of `wire` (the wire shape, as toWireShape gives), forced, as `fieldManager`;
   * resolves with the object as the server answered it, in the wire shape.
   */
  async applyWire(wire: KubernetesObject, fieldManager: string): Promise<KubernetesObject> {
    const path = await this.specUriPath(wire, "patch");
    const context = this.configuration.baseServer.makeRequestContext(path, HttpMethod.PATCH);
    context.setHeaderParam("Accept", "application/json, */*;q=0.8");
    context.setHeaderParam("Content-Type", PatchStrategy.ServerSideApply);
    context.setQueryParam("fieldManager", fieldManager);
    context.setQueryParam("force", "true");
    // As requestPromise authenticates: the kubeconfig sets the token header and the agent.
    await this.configuration.authMethods.default?.applySecurityAuthentication(context);
    const { status, headers, body } = await send(context, JSON.stringify(wire));
    if (status < 200 || status > 299) {
      throw new ApiException(status, "Unsuccessful HTTP Request", body, headers);
    }
    return JSON.parse(body) as KubernetesObject;
  }
}

interface TAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function send(context: RequestContext, body: string): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.request(context.getUrl(), {
      method: context.getHttpMethod(),
      headers: { ...context.getHeaders(), "Content-Length": Buffer.byteLength(body) },
      agent: context.getAgent(),
    });
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: flatHeaders(response.headers),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    request.end(body);
  });
}

/** As client-node's ResponseContext has them: lower-case names, one string each. */
function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
