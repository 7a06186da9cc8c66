import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestCluster } from "@/testing/kube-test-cluster";
import { applyObjects, type TApplyResult } from "./apply";
import type { TClusterClient } from "./client-pool";
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
  const test = useTestCluster();
  const server = () => test.cluster().server;
  let client: TClusterClient;
  beforeAll(() => {
    client = test.client();
  });
  afterEach(() => server().faults.clear());

  it("reports 429 with Retry-After and 500 per object, applies the rest, then converges", async () => {
    server().faults.failRequests({
      ratio: 1,
      status: 429,
      retryAfterSeconds: 3,
      verbs: ["APPLY"],
      resources: ["rolebindings"],
    });
    server().faults.failRequests({
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

    server().faults.clear();
    expect(outcome(await applyObjects(client, desired)).every((o) => o.endsWith(" ok"))).toBe(true);
  });

  it("reports a 409 Conflict per object", async () => {
    const desired = objectsOf("conflict");
    await applyObjects(client, desired);
    // The test server injects only 429/500/503; a stale resourceVersion in the applied object is
    // a genuine 409, as on a real server.
    const stale = desired.map((o) =>
      o.kind === "ResourceQuota" ? { ...o, metadata: { ...o.metadata, resourceVersion: "1" } } : o,
    );
    expect(outcome(await applyObjects(client, stale))).toEqual([
      "Namespace ok",
      "ResourceQuota 409 Conflict",
      "NetworkPolicy ok",
      "NetworkPolicy ok",
      "RoleBinding ok",
    ]);
  });

  it("does not send a namespace's objects when the namespace itself failed", async () => {
    server().faults.failRequests({
      ratio: 1,
      status: 503,
      verbs: ["APPLY"],
      resources: ["namespaces"],
    });
    server().metrics.reset();
    const results = await applyObjects(client, objectsOf("blocked"));
    expect(server().metrics.count({ verb: "APPLY" })).toBe(1);
    expect(results.every((r) => r.error?.status === 503)).toBe(true);
  });

  it("reports an unreachable cluster without a status, and recovers when it is back", async () => {
    const desired = objectsOf("outage");
    await applyObjects(client, desired);
    await server().faults.refuseConnections();
    try {
      const results = await applyObjects(client, desired);
      expect(results.every((r) => r.error !== undefined && r.error.status === undefined)).toBe(
        true,
      );
      expect(results[0]?.error?.message).toMatch(/ECONNREFUSED/);
    } finally {
      await server().faults.acceptConnections();
    }
    expect(outcome(await applyObjects(client, desired)).every((o) => o.endsWith(" ok"))).toBe(true);
  });

  it("applies many environments over a handful of connections", async () => {
    await applyObjects(client, objectsOf("warm-up"));
    server().metrics.reset();
    const all = Array.from({ length: 50 }, (_, i) => objectsOf(`many-${i}`)).flat();
    const results = await applyObjects(client, all, { concurrency: 8 });
    expect(results.every((r) => r.error === undefined)).toBe(true);
    expect(server().metrics.count({ verb: "APPLY" })).toBe(all.length);
    // At most one connection per request in flight, against one per request without the pool.
    expect(server().metrics.connections().tls).toBeLessThanOrEqual(8);
  });
});
