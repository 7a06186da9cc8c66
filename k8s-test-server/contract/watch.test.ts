// Watch streams and informers: event types, selectors, resumption, 410 Expired and relisting.
import {
  CoreV1Api,
  type KubernetesObject,
  makeInformer,
  type V1ConfigMap,
  Watch,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, eventually, skipReason, type Target, usingRealCluster } from "./target.js";

let t: Target;
let core: CoreV1Api;

beforeAll(async () => {
  t = await connect();
  core = t.kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await t.cleanup();
});

interface Seen {
  type: string;
  name: string | undefined;
  rv: string | undefined;
  object: KubernetesObject & { metadata?: { annotations?: Record<string, string> } };
}

async function watchCollect(
  path: string,
  params: Record<string, string | number | boolean | undefined>,
) {
  const events: Seen[] = [];
  let ended: unknown = null;
  let done = false;
  const controller = await new Watch(t.kc).watch(
    path,
    params,
    (type: string, object: KubernetesObject) =>
      events.push({
        type,
        name: object.metadata?.name,
        rv: object.metadata?.resourceVersion,
        object,
      }),
    (err: unknown) => {
      ended = err;
      done = true;
    },
  );
  return { events, controller, isDone: () => done, error: () => ended };
}

describe("watch", () => {
  it("streams ADDED, MODIFIED and DELETED for objects matching a label selector", async () => {
    const ns = await t.namespace("ct-watch");
    const list = await core.listNamespacedConfigMap({ namespace: ns });
    const w = await watchCollect(`/api/v1/namespaces/${ns}/configmaps`, {
      labelSelector: "app=web",
      resourceVersion: list.metadata?.resourceVersion,
    });
    try {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: "other", labels: { app: "db" } } },
      });
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: "a", labels: { app: "web" } }, data: { v: "1" } },
      });
      await core.patchNamespacedConfigMap({
        name: "a",
        namespace: ns,
        body: [{ op: "replace", path: "/data/v", value: "2" }],
      });
      await core.deleteNamespacedConfigMap({ name: "a", namespace: ns });
      await eventually(() => w.events.length >= 3, "three events");
      expect(w.events.map((e) => `${e.type}:${e.name}`)).toEqual([
        "ADDED:a",
        "MODIFIED:a",
        "DELETED:a",
      ]);
    } finally {
      w.controller.abort();
    }
  });

  it("resumes from a resourceVersion, replaying later changes only", async () => {
    const ns = await t.namespace("ct-watch-rv");
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "before" } } });
    const mark = (await core.listNamespacedConfigMap({ namespace: ns })).metadata?.resourceVersion;
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "after" } } });
    const w = await watchCollect(`/api/v1/namespaces/${ns}/configmaps`, {
      resourceVersion: mark,
      fieldSelector: "metadata.name!=kube-root-ca.crt",
    });
    try {
      await eventually(() => w.events.length >= 1, "replayed event");
      expect(w.events.map((e) => `${e.type}:${e.name}`)).toEqual(["ADDED:after"]);
    } finally {
      w.controller.abort();
    }
  });

  it("answers a too-old resourceVersion with 410 Expired", async () => {
    const ns = await t.namespace("ct-watch-410");
    const w = await watchCollect(`/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: "1" });
    await eventually(() => w.isDone() || w.events.length > 0, "watch answer");
    w.controller.abort();
    const status = w.events[0]?.object as unknown as { code?: number; reason?: string } | undefined;
    const code = status?.code ?? (w.error() as { statusCode?: number } | null)?.statusCode;
    expect(code).toBe(410);
    if (status) {
      expect(w.events[0]?.type).toBe("ERROR");
      expect(status.reason).toBe("Expired");
    }
  });
});

describe("informer", () => {
  it("lists, then follows changes", async () => {
    const ns = await t.namespace("ct-informer");
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "first", labels: { app: "i" } } },
    });
    const informer = makeInformer<V1ConfigMap>(
      t.kc,
      `/api/v1/namespaces/${ns}/configmaps`,
      () => core.listNamespacedConfigMap({ namespace: ns, labelSelector: "app=i" }),
      "app=i",
    );
    const added: string[] = [];
    informer.on("add", (o) => added.push(o.metadata?.name ?? ""));
    await informer.start();
    try {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: "second", labels: { app: "i" } } },
      });
      await eventually(() => added.length >= 2, "informer adds");
      expect(added).toEqual(["first", "second"]);
      expect(
        informer
          .list(ns)
          .map((o) => o.metadata?.name)
          .sort(),
      ).toEqual(["first", "second"]);
    } finally {
      await informer.stop();
    }
  });
});

describe.skipIf(usingRealCluster)("watch faults (test server)", () => {
  if (usingRealCluster) console.log(skipReason("dropWatches/expireWatchHistory/sendBookmarks"));

  it("sends BOOKMARKs to watches that allow them", async () => {
    const ns = await t.namespace("ct-bookmark");
    const rv = (await core.listNamespacedConfigMap({ namespace: ns })).metadata?.resourceVersion;
    const w = await watchCollect(`/api/v1/namespaces/${ns}/configmaps`, {
      resourceVersion: rv,
      allowWatchBookmarks: true,
    });
    try {
      t.testServer!.faults.sendBookmarks();
      await eventually(() => w.events.length >= 1, "bookmark");
      expect(w.events[0]?.type).toBe("BOOKMARK");
      expect(Number(w.events[0]?.rv)).toBeGreaterThanOrEqual(Number(rv));
    } finally {
      w.controller.abort();
    }
  });

  it("an informer whose watch is dropped and whose resourceVersion expired relists and catches up", async () => {
    const server = t.testServer!;
    const ns = await t.namespace("ct-relist");
    let lists = 0;
    const informer = makeInformer<V1ConfigMap>(t.kc, `/api/v1/namespaces/${ns}/configmaps`, () => {
      lists++;
      return core.listNamespacedConfigMap({ namespace: ns });
    });
    const names = () =>
      informer
        .list(ns)
        .map((o) => o.metadata?.name)
        .sort();
    await informer.start();
    try {
      await eventually(() => names().includes("kube-root-ca.crt") || lists > 0, "initial list");
      await eventually(
        () => server.metrics.count({ verb: "WATCH", resource: "configmaps", namespace: ns }) > 0,
        "watch established",
      );
      // A write elsewhere moves the global resourceVersion past the informer's; compaction then
      // makes the informer's position too old, as etcd compaction does on a real cluster.
      await core.createNamespacedSecret({
        namespace: ns,
        body: { metadata: { name: "elsewhere" } },
      });
      server.faults.expireWatchHistory();
      await server.settled();
      server.faults.dropWatches();
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: "while-away" } },
      });
      await eventually(() => names().includes("while-away"), "informer catching up");
      expect(lists).toBeGreaterThanOrEqual(2);
    } finally {
      await informer.stop();
    }
  });
});
