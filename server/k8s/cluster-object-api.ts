// client-node's KubernetesObjectApi runs every apply through its typed models twice: the body is
// serialised from the typed shape (`_default`) and the answer deserialised into it, after which
// Slipway converted it back to the wire shape it records and compares (toWireShape). Per apply
// that is most of the client's CPU. `applyWire` sends an object already in the wire shape and
// answers with the server's JSON as it came, over the same request path (auth, keep-alive agent,
// middleware, ApiException on failure), so errors and retries behave as before.
import {
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
  type ResponseContext,
} from "@kubernetes/client-node";
import { HttpMethod } from "@kubernetes/client-node/dist/gen/http/http.js";

/** Marks a request whose answer is left in the wire shape (see processResponse). */
const WIRE = "slipway:wire-shape";

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
    context.setBody(JSON.stringify(wire));
    return this.requestPromise(context, WIRE);
  }

  protected override async processResponse<T extends KubernetesObject>(
    response: ResponseContext,
    type?: string,
  ): Promise<T> {
    const ok = response.httpStatusCode >= 200 && response.httpStatusCode <= 299;
    if (type !== WIRE || !ok) return super.processResponse<T>(response, type);
    return JSON.parse(await response.body.text()) as T;
  }
}
