import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestCluster, type TTestCluster } from "@/testing/kube-test-cluster";
import { applyObjects, type TApplyResult } from "./apply";
import { ClusterClientPool, type TClusterClient } from "./client-pool";
import { buildEnvironmentObjects } from "./manifests/environment-objects";

const objectsOf = (name: string) =>
  buildEnvironmentObjects({
    environmentId: name,
    spaceName: "faults",
    environmentName: name,
    environmentType: "test",
    namespace: `faults-${name}`,
    quota: { pods: "10" },
    containerLimits: null,
    members: [{ email: "olive@example.com", role: "owner" }],
    variables: [],
    tags: [],
  });

const outcome = (results: TApplyResult[]) =>
  results.map(
    (r) =>
      `${r.desired.kind ?? ""} ${r.error ? `${r.error.status ?? "-"} ${r.error.reason ?? ""}` : "ok"}`,
  );

describe("applyObjects under faults", () => {
  let cluster: TTestCluster;
  let client: TClusterClient;
  const pool = new ClusterClientPool();

  beforeAll(async () => {
    cluster = await startTestCluster();
    client = pool.client(cluster.connection);
  });
  afterEach(() => cluster.server.faults.clear());
  afterAll(async () => {
    pool.close();
    await cluster.server.stop();
  });

  it("reports 429 with Retry-After and 500 per object, applies the rest, then converges", async () => {
    cluster.server.faults.failRequests({
      ratio: 1,
      status: 429,
      retryAfterSeconds: 3,
      verbs: ["APPLY"],
      resources: ["rolebindings"],
    });
    cluster.server.faults.failRequests({
      ratio: 1,
      status: 500,
      verbs: ["APPLY"],
      resources: ["resourcequotas"],
    });
    const desired = objectsOf("flaky");
    const results = await applyObjects(client, desired);
    expect(outcome(results)).toEqual([
      "Namespace ok",
      "ResourceQuota 500 InternalError",
      "NetworkPolicy ok",
      "NetworkPolicy ok",
      "RoleBinding 429 TooManyRequests",
    ]);
    expect(results[4]?.error?.retryAfterSeconds).toBe(3);
    expect(results[1]?.error?.message).not.toMatch(/^\s*\{/);
    expect(results[1]?.error?.message).not.toBe("");

    cluster.server.faults.clear();
    expect(outcome(await applyObjects(client, desired)).every((o) => o.endsWith(" ok"))).toBe(true);
  });

  it("does not send a namespace's objects when the namespace itself failed", async () => {
    cluster.server.faults.failRequests({
      ratio: 1,
      status: 503,
      verbs: ["APPLY"],
      resources: ["namespaces"],
    });
    cluster.server.metrics.reset();
    const results = await applyObjects(client, objectsOf("blocked"));
    expect(cluster.server.metrics.count({ verb: "APPLY" })).toBe(1);
    expect(results.every((r) => r.error?.status === 503)).toBe(true);
  });

  it("reports an unreachable cluster without a status, and recovers when it is back", async () => {
    const desired = objectsOf("outage");
    await applyObjects(client, desired);
    await cluster.server.faults.refuseConnections();
    try {
      const results = await applyObjects(client, desired);
      expect(results.every((r) => r.error !== undefined && r.error.status === undefined)).toBe(
        true,
      );
      expect(results[0]?.error?.message).toMatch(/ECONNREFUSED/);
    } finally {
      await cluster.server.faults.acceptConnections();
    }
    expect(outcome(await applyObjects(client, desired)).every((o) => o.endsWith(" ok"))).toBe(true);
  });

  it("applies many environments over a handful of connections", async () => {
    await applyObjects(client, objectsOf("warm-up"));
    cluster.server.metrics.reset();
    const all = Array.from({ length: 50 }, (_, i) => objectsOf(`many-${i}`)).flat();
    const results = await applyObjects(client, all, { concurrency: 8 });
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(cluster.server.metrics.count({ verb: "APPLY" })).toBe(all.length);
    // At most one connection per request in flight, against one per request without the pool.
    expect(cluster.server.metrics.connections().tls).toBeLessThanOrEqual(8);
  });
});
