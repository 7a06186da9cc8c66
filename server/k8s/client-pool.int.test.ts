import { describe, expect, it } from "vitest";
import { KubernetesObjectApi, PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import { connectionTo, startTestCluster, useTestCluster } from "@/testing/kube-test-cluster";
import { FIELD_MANAGER } from "./labels";

const configMap = (i: number): KubernetesObject & { data: Record<string, string> } => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: `pool-${i}`, namespace: "default" },
  data: { i: String(i) },
});

async function applySequentially(objects: KubernetesObjectApi, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await objects.patch(
      configMap(i),
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    );
  }
}

describe("ClusterClientPool", () => {
  const test = useTestCluster();
  const { pool } = test;

  it("reuses keep-alive connections where client-node as shipped opens one per request", async () => {
    const client = pool.client(test.cluster().connection);
    await applySequentially(client.objects, 1); // discovery and a first connection
    test.cluster().server.metrics.reset();
    await applySequentially(client.objects, 50);
    expect(test.cluster().server.metrics.count({ verb: "APPLY" })).toBe(50);
    expect(test.cluster().server.metrics.connections().tls).toBeLessThanOrEqual(2);

    const stock = KubernetesObjectApi.makeApiClient(test.cluster().server.kubeConfig);
    await applySequentially(stock, 1);
    test.cluster().server.metrics.reset();
    await applySequentially(stock, 50);
    expect(test.cluster().server.metrics.connections().tls).toBe(50);
  });

  it("keeps concurrent requests on a bounded set of connections", async () => {
    const client = pool.client(test.cluster().connection);
    test.cluster().server.metrics.reset();
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        await applySequentially(client.objects, 25);
      }),
    );
    expect(test.cluster().server.metrics.count({ verb: "APPLY" })).toBe(100);
    expect(test.cluster().server.metrics.connections().tls).toBeLessThanOrEqual(4);
  });

  it("returns the same client until the credentials change, then a fresh one", async () => {
    const first = pool.client(test.cluster().connection);
    await first.objects.list("v1", "Namespace");
    expect(pool.client({ ...test.cluster().connection })).toBe(first);
    const token = test.cluster().server.issueToken({ user: "rotated" });
    const rotated = pool.client(
      connectionTo(test.cluster().server, test.cluster().connection.clusterId, token),
    );
    expect(rotated).not.toBe(first);
    // The old agent's idle connections are closed; the new client speaks with the new token.
    await expect
      .poll(() => Object.values(first.kubeConfig.agent.freeSockets).flat().length)
      .toBe(0);
    await expect(rotated.objects.list("v1", "Namespace")).rejects.toMatchObject({ code: 403 });
  });

  it("refuses a server whose certificate the CA does not sign, unless told to skip verification", async () => {
    const other = await startTestCluster();
    try {
      const wrongCa = {
        ...test.cluster().connection,
        clusterId: "wrong-ca",
        credentials: {
          kind: "token" as const,
          token: other.server.adminToken,
          caData: test.cluster().server.caPem,
        },
        apiUrl: other.server.url,
      };
      await expect(pool.client(wrongCa).objects.list("v1", "Namespace")).rejects.toThrow();
      const skipping = pool.client({ ...wrongCa, clusterId: "skip", insecureSkipTlsVerify: true });
      const namespaces = await skipping.objects.list("v1", "Namespace");
      expect(namespaces.items.map((n) => n.metadata?.name)).toContain("default");
    } finally {
      await other.server.stop();
    }
  });

  it("streams watch events over the pooled agent", async () => {
    const client = pool.client(test.cluster().connection);
    const seen: string[] = [];
    const controller = await client.watch.watch(
      "/api/v1/namespaces/default/configmaps",
      { labelSelector: "watched=yes" },
      (type, object: KubernetesObject) => seen.push(`${type} ${object.metadata?.name ?? ""}`),
      () => undefined,
    );
    try {
      await client.objects.patch(
        {
          ...configMap(999),
          metadata: { name: "watched", namespace: "default", labels: { watched: "yes" } },
        },
        undefined,
        undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
      await expect.poll(() => seen, { timeout: 10_000 }).toContain("ADDED watched");
    } finally {
      controller.abort();
    }
  });
});
