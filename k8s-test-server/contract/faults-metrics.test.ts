// The test server's own hooks: fault injection and request accounting. These tests only make
// sense against the test server and skip themselves (saying why) on a real cluster.
import {
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
} from "@kubernetes/client-node";
import { Agent, get } from "node:https";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connect, skipReason, statusOf, type Target, usingRealCluster } from "./target.js";

let t: Target;
let core: CoreV1Api;

beforeAll(async () => {
  t = await connect();
  core = t.kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await t.cleanup();
});

describe.skipIf(usingRealCluster)("fault injection (test server)", () => {
  if (usingRealCluster) console.log(skipReason("fault injection"));
  afterEach(async () => {
    t.testServer!.faults.clear();
    await t.testServer!.faults.acceptConnections();
  });

  it("fails a deterministic share of requests with 429 and Retry-After", async () => {
    const ns = await t.namespace("ct-429");
    const faults = t.testServer!.faults;
    faults.failRequests({
      ratio: 0.5,
      status: 429,
      retryAfterSeconds: 7,
      resources: ["configmaps"],
    });
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(await statusOf(core.listNamespacedConfigMap({ namespace: ns })));
    expect(results.map((r) => r?.code ?? 200)).toEqual([200, 429, 200, 429]);
    expect(results[1]?.body).toMatchObject({
      kind: "Status",
      reason: "TooManyRequests",
      code: 429,
      details: { retryAfterSeconds: 7 },
    });
    expect(results[1]?.headers["retry-after"]).toBe("7");
    // Other resources are unaffected by a rule scoped to configmaps.
    expect(await statusOf(core.listNamespacedSecret({ namespace: ns }))).toBeUndefined();
  });

  it("fails requests with 500 until a limit is reached", async () => {
    const ns = await t.namespace("ct-500");
    t.testServer!.faults.failRequests({ ratio: 1, status: 500, verbs: ["POST"], limit: 2 });
    const body = { metadata: { name: "x" } };
    expect((await statusOf(core.createNamespacedConfigMap({ namespace: ns, body })))?.code).toBe(
      500,
    );
    expect((await statusOf(core.createNamespacedConfigMap({ namespace: ns, body })))?.code).toBe(
      500,
    );
    expect(await statusOf(core.createNamespacedConfigMap({ namespace: ns, body }))).toBeUndefined();
  });

  it("fails a write with 409 Conflict as a write racing another one would", async () => {
    const ns = await t.namespace("ct-409");
    t.testServer!.faults.failRequests({ ratio: 1, status: 409, verbs: ["PUT"], limit: 1 });
    const created = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "raced" } },
    });
    const replace = () =>
      statusOf(core.replaceNamespacedConfigMap({ name: "raced", namespace: ns, body: created }));
    const refused = await replace();
    expect(refused?.code).toBe(409);
    expect(refused?.body).toMatchObject({
      kind: "Status",
      reason: "Conflict",
      message: expect.stringContaining("the object has been modified") as unknown,
    });
    expect(await replace()).toBeUndefined();
  });

  it("adds latency", async () => {
    const ns = await t.namespace("ct-latency");
    t.testServer!.faults.setLatency(60);
    const start = performance.now();
    await core.listNamespacedConfigMap({ namespace: ns });
    expect(performance.now() - start).toBeGreaterThanOrEqual(55);
  });

  it("refuses connections while down and serves again when back up", async () => {
    const ns = await t.namespace("ct-down");
    const faults = t.testServer!.faults;
    await faults.refuseConnections();
    const err = await core.listNamespacedConfigMap({ namespace: ns }).then(
      () => undefined,
      (e: unknown) => e as { code?: unknown; cause?: { code?: unknown }; message?: string },
    );
    expect(
      JSON.stringify({ code: err?.code, cause: err?.cause?.code, message: err?.message }),
    ).toContain("ECONNREFUSED");
    await faults.acceptConnections();
    expect((await core.listNamespacedConfigMap({ namespace: ns })).items).toBeDefined();
  });
});

describe.skipIf(usingRealCluster)("request accounting (test server)", () => {
  if (usingRealCluster) console.log(skipReason("request metrics"));

  it("counts requests by verb and resource, like apiserver_request_total", async () => {
    const ns = await t.namespace("ct-metrics");
    const metrics = t.testServer!.metrics;
    const objects = KubernetesObjectApi.makeApiClient(t.kc);
    const cm = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "m", namespace: ns },
      data: { a: "1" },
    } as KubernetesObject;
    await objects.patch(cm, undefined, undefined, "slipway", true, PatchStrategy.ServerSideApply);
    await core.readNamespacedConfigMap({ name: "m", namespace: ns });
    await core.listNamespacedConfigMap({ namespace: ns });
    expect(metrics.count({ verb: "APPLY", resource: "configmaps", namespace: ns })).toBe(1);
    expect(metrics.count({ verb: "GET", resource: "configmaps", namespace: ns })).toBe(1);
    expect(metrics.count({ verb: "LIST", resource: "configmaps", namespace: ns })).toBe(1);
    expect(metrics.snapshot().find((r) => r.verb === "APPLY" && r.namespace === ns)).toMatchObject({
      group: "",
      version: "v1",
      code: 201,
    });
  });

  it("proves an idle reader sends no writes", async () => {
    const ns = await t.namespace("ct-idle");
    const metrics = t.testServer!.metrics;
    const before = metrics.writes({ namespace: ns });
    for (let i = 0; i < 5; i++) {
      await core.listNamespacedConfigMap({ namespace: ns });
      await core.readNamespace({ name: ns });
    }
    expect(metrics.writes({ namespace: ns })).toBe(before);
  });

  it("serves the counters at /metrics in Prometheus text format", async () => {
    const server = t.testServer!;
    const res = await fetchWithCa(server.url + "/metrics", server.adminToken, server.caPem);
    expect(res).toMatch(/^apiserver_request_total\{code="200",group="",resource="namespaces"/m);
  });
});

describe.skipIf(usingRealCluster)("connection accounting (test server)", () => {
  if (usingRealCluster) console.log(skipReason("connection metrics"));

  /** GET /version through `agent`, resolved once the response has been read to the end. */
  const getVersion = (agent: Agent) =>
    new Promise<void>((resolve, reject) => {
      const server = t.testServer!;
      get(`${server.url}/version`, { ca: server.caPem, agent }, (res) => {
        res.resume();
        res.on("end", resolve);
      }).on("error", reject);
    });

  it("counts new TCP connections and TLS handshakes: keep-alive reuses one, without it each request opens one", async () => {
    const metrics = t.testServer!.metrics;
    const keepAlive = new Agent({ keepAlive: true });
    const oneShot = new Agent({ keepAlive: false });
    try {
      metrics.reset();
      for (let i = 0; i < 5; i++) await getVersion(keepAlive);
      expect(metrics.connections()).toEqual({ tcp: 1, tls: 1 });
      metrics.reset();
      for (let i = 0; i < 5; i++) await getVersion(oneShot);
      expect(metrics.connections()).toEqual({ tcp: 5, tls: 5 });
    } finally {
      keepAlive.destroy();
      oneShot.destroy();
    }
  });

  it("shows that client-node 1.4 opens a connection per request (a new https.Agent each time)", async () => {
    const ns = await t.namespace("ct-connections");
    const metrics = t.testServer!.metrics;
    metrics.reset();
    for (let i = 0; i < 5; i++) await core.listNamespacedConfigMap({ namespace: ns });
    expect(metrics.connections()).toEqual({ tcp: 5, tls: 5 });
  });

  it("exports the counts at /metrics", async () => {
    const server = t.testServer!;
    server.metrics.reset();
    const res = await fetchWithCa(server.url + "/metrics", server.adminToken, server.caPem);
    expect(res).toMatch(/^apiserver_test_connections_total\{kind="tcp"\} 1$/m);
    expect(res).toMatch(/^apiserver_test_connections_total\{kind="tls"\} 1$/m);
  });
});

async function fetchWithCa(url: string, token: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // A fresh connection (no pooling), so the /metrics test sees exactly its own.
    get(url, { ca, agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve(body));
    }).on("error", reject);
  });
}
