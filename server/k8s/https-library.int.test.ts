import { describe, expect, it } from "vitest";
import { ApiException, CoreV1Api, HttpMethod, RequestContext } from "@kubernetes/client-node";
import { useTestCluster } from "@/testing/kube-test-cluster";
import { HttpsLibrary } from "./https-library";

describe("client-node over https.request (HttpsLibrary)", () => {
  const test = useTestCluster();

  it("serves typed clients too, on the pooled keep-alive connections", async () => {
    const client = test.client();
    const core = client.kubeConfig.makeApiClient(CoreV1Api);
    await core.readNamespace({ name: "default" }); // a first connection
    test.cluster().server.metrics.reset();
    for (let i = 0; i < 20; i++) {
      const namespace = await core.readNamespace({ name: "default" });
      expect(namespace.metadata?.name).toBe("default");
    }
    expect(test.cluster().server.metrics.count()).toBe(20);
    expect(test.cluster().server.metrics.connections().tls).toBe(0);
  });

  it("turns an error answer into client-node's ApiException with the server's Status", async () => {
    const objects = test.client().objects;
    const read = objects.read({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "absent" },
    });
    const error: unknown = await read.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiException);
    const { code, body } = error as ApiException<string>;
    expect(code).toBe(404);
    expect(body).toContain("absent");
  });

  it("refuses a form body, which no Kubernetes call Slipway makes sends", async () => {
    const request = new RequestContext("https://127.0.0.1:1/api", HttpMethod.POST);
    request.setBody(new URLSearchParams({ a: "b" }));
    await expect(new HttpsLibrary().send(request).toPromise()).rejects.toThrow(
      "HttpsLibrary sends string bodies only",
    );
  });
});
