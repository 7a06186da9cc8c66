// Less common verbs and options: deletecollection, delete preconditions, strategic merge patch,
// single-object watch.
import {
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
  Watch,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, eventually, statusOf, type Target } from "./target.js";

let t: Target;
let core: CoreV1Api;

beforeAll(async () => {
  t = await connect();
  core = t.kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await t.cleanup();
});

describe("delete", () => {
  it("deletecollection removes exactly the selected objects", async () => {
    const ns = await t.namespace("ct-delcol");
    for (const [name, app] of [
      ["a", "x"],
      ["b", "x"],
      ["c", "y"],
    ] as const) {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name, labels: { app } } },
      });
    }
    await core.deleteCollectionNamespacedConfigMap({ namespace: ns, labelSelector: "app=x" });
    const left = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: "app" });
    expect(left.items.map((i) => i.metadata?.name)).toEqual(["c"]);
  });

  it("honours uid and resourceVersion preconditions", async () => {
    const ns = await t.namespace("ct-precond");
    const cm = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "p" } },
    });
    const wrongUid = await statusOf(
      core.deleteNamespacedConfigMap({
        name: "p",
        namespace: ns,
        body: { preconditions: { uid: "00000000-0000-0000-0000-000000000000" } },
      }),
    );
    expect(wrongUid?.code).toBe(409);
    expect(wrongUid?.body.reason).toBe("Conflict");
    const wrongRv = await statusOf(
      core.deleteNamespacedConfigMap({
        name: "p",
        namespace: ns,
        body: { preconditions: { resourceVersion: "1" } },
      }),
    );
    expect(wrongRv?.code).toBe(409);
    await core.deleteNamespacedConfigMap({
      name: "p",
      namespace: ns,
      body: {
        preconditions: { uid: cm.metadata?.uid, resourceVersion: cm.metadata?.resourceVersion },
      },
    });
    expect((await statusOf(core.readNamespacedConfigMap({ name: "p", namespace: ns })))?.code).toBe(
      404,
    );
  });
});

describe("strategic merge patch", () => {
  it("patches built-in kinds (KubernetesObjectApi's default patch type)", async () => {
    const ns = await t.namespace("ct-smp");
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "s", labels: { a: "1" } }, data: { x: "1" } },
    });
    const objects = KubernetesObjectApi.makeApiClient(t.kc);
    const patched = (await objects.patch({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "s", namespace: ns, labels: { b: "2" } },
      data: { y: "2" },
    } as KubernetesObject)) as KubernetesObject & {
      data: Record<string, string>;
    };
    expect(patched.metadata?.labels).toEqual({ a: "1", b: "2" });
    expect(patched.data).toEqual({ x: "1", y: "2" });
    void PatchStrategy;
  });
});

describe("single-object watch", () => {
  it("watches one object by name", async () => {
    const ns = await t.namespace("ct-watch-one");
    const cm = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "one" } },
    });
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "two" } } });
    const seen: string[] = [];
    const ctl = await new Watch(t.kc).watch(
      `/api/v1/namespaces/${ns}/configmaps`,
      { fieldSelector: "metadata.name=one", resourceVersion: cm.metadata?.resourceVersion },
      (type: string, o: KubernetesObject) => seen.push(`${type}:${o.metadata?.name}`),
      () => undefined,
    );
    try {
      await core.patchNamespacedConfigMap({
        name: "two",
        namespace: ns,
        body: [{ op: "add", path: "/data", value: { k: "v" } }],
      });
      await core.patchNamespacedConfigMap({
        name: "one",
        namespace: ns,
        body: [{ op: "add", path: "/data", value: { k: "v" } }],
      });
      await eventually(() => seen.length >= 1, "event for one");
      expect(seen).toEqual(["MODIFIED:one"]);
    } finally {
      ctl.abort();
    }
  });
});
