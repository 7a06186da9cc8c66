// What a real cluster's controllers do that Slipway relies on: finalizers, namespace
// finalization, garbage collection by ownerReferences, default ServiceAccounts.
import { CoreV1Api, type V1ConfigMap } from "@kubernetes/client-node";
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

const gone = (p: Promise<unknown>) => statusOf(p).then((r) => r?.code === 404);
const FINALIZER = "contract.slipway.dev/hold";

describe("finalizers", () => {
  it("deletion sets deletionTimestamp and waits for finalizers to be cleared", async () => {
    const ns = await t.namespace("ct-fin");
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "held", finalizers: [FINALIZER] } },
    });
    await core.deleteNamespacedConfigMap({ name: "held", namespace: ns });
    const held = await core.readNamespacedConfigMap({ name: "held", namespace: ns });
    expect(held.metadata?.deletionTimestamp).toBeTruthy();
    expect(held.metadata?.finalizers).toEqual([FINALIZER]);
    await core.patchNamespacedConfigMap({
      name: "held",
      namespace: ns,
      body: [{ op: "remove", path: "/metadata/finalizers" }],
    });
    await eventually(
      () => gone(core.readNamespacedConfigMap({ name: "held", namespace: ns })),
      "finalized object removal",
    );
  });
});

describe("namespaces", () => {
  it("get a default ServiceAccount", async () => {
    const ns = await t.namespace("ct-default-sa");
    const sa = await eventually(
      () => core.readNamespacedServiceAccount({ name: "default", namespace: ns }),
      "default ServiceAccount",
    );
    expect(sa.metadata?.name).toBe("default");
  });

  it("a namespaced object in a missing namespace is 404 NotFound", async () => {
    const res = await statusOf(
      core.createNamespacedConfigMap({
        namespace: "ct-no-such-namespace",
        body: { metadata: { name: "x" } },
      }),
    );
    expect(res?.code).toBe(404);
    expect(res?.body).toMatchObject({
      kind: "Status",
      status: "Failure",
      reason: "NotFound",
      code: 404,
    });
    expect(res?.body.message).toBe('namespaces "ct-no-such-namespace" not found');
  });

  it("deletion goes through Terminating, removes the contents, and waits for their finalizers", async () => {
    const ns = await t.namespace("ct-ns-del");
    const created = await core.readNamespace({ name: ns });
    expect(created.spec?.finalizers).toEqual(["kubernetes"]);
    expect(created.status?.phase).toBe("Active");
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "plain" } } });
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "held", finalizers: [FINALIZER] } },
    });
    await core.deleteNamespace({ name: ns });
    const terminating = await core.readNamespace({ name: ns });
    expect(terminating.status?.phase).toBe("Terminating");
    expect(terminating.metadata?.deletionTimestamp).toBeTruthy();

    await eventually(
      () => gone(core.readNamespacedConfigMap({ name: "plain", namespace: ns })),
      "namespace contents removal",
    );
    const held = await eventually(async () => {
      const cm = await core.readNamespacedConfigMap({ name: "held", namespace: ns });
      return cm.metadata?.deletionTimestamp ? cm : undefined;
    }, "held object marked for deletion");
    expect(held.metadata?.finalizers).toEqual([FINALIZER]);
    expect((await core.readNamespace({ name: ns })).status?.phase).toBe("Terminating");
    const refused = await statusOf(
      core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "late" } } }),
    );
    expect(refused?.code).toBe(403);
    expect(refused?.body.reason).toBe("Forbidden");

    await core.patchNamespacedConfigMap({
      name: "held",
      namespace: ns,
      body: [{ op: "remove", path: "/metadata/finalizers" }],
    });
    await eventually(() => gone(core.readNamespace({ name: ns })), "namespace removal");
  });
});

describe("ResourceQuota and immutable ConfigMaps", () => {
  it("a quota's status reports hard limits and object counts", async () => {
    const ns = await t.namespace("ct-quota");
    await core.createNamespacedResourceQuota({
      namespace: ns,
      body: { metadata: { name: "q" }, spec: { hard: { configmaps: "10", "count/secrets": "5" } } },
    });
    await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: "s" }, stringData: { a: "b" } },
    });
    const q = await eventually(async () => {
      const got = await core.readNamespacedResourceQuota({ name: "q", namespace: ns });
      // kube-root-ca.crt is the namespace's only ConfigMap; the Secret is ours.
      return got.status?.used?.["count/secrets"] === "1" && got.status.used.configmaps === "1"
        ? got
        : undefined;
    }, "quota status");
    expect(q.status?.hard).toEqual({ configmaps: "10", "count/secrets": "5" });
  });

  it("refuses changes to an immutable ConfigMap's data", async () => {
    const ns = await t.namespace("ct-immutable");
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "frozen" }, immutable: true, data: { a: "1" } },
    });
    const res = await statusOf(
      core.patchNamespacedConfigMap({
        name: "frozen",
        namespace: ns,
        body: [{ op: "replace", path: "/data/a", value: "2" }],
      }),
    );
    expect(res?.code).toBe(422);
    expect(res?.body.reason).toBe("Invalid");
    // Metadata stays mutable.
    await core.patchNamespacedConfigMap({
      name: "frozen",
      namespace: ns,
      body: [{ op: "add", path: "/metadata/labels", value: { ok: "yes" } }],
    });
  });
});

describe("garbage collection", () => {
  const owned = (name: string, owner: V1ConfigMap): V1ConfigMap => ({
    metadata: {
      name,
      ownerReferences: [
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          name: owner.metadata!.name!,
          uid: owner.metadata!.uid!,
        },
      ],
    },
  });

  it("deletes dependents whose owner is deleted, transitively", async () => {
    const ns = await t.namespace("ct-gc");
    const owner = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "owner" } },
    });
    const child = await core.createNamespacedConfigMap({
      namespace: ns,
      body: owned("child", owner),
    });
    await core.createNamespacedConfigMap({ namespace: ns, body: owned("grandchild", child) });
    await core.deleteNamespacedConfigMap({ name: "owner", namespace: ns });
    await eventually(
      () => gone(core.readNamespacedConfigMap({ name: "grandchild", namespace: ns })),
      "grandchild collection",
    );
    expect(await gone(core.readNamespacedConfigMap({ name: "child", namespace: ns }))).toBe(true);
  });

  it("foreground deletion keeps the owner until its dependents are gone", async () => {
    const ns = await t.namespace("ct-gc-fg");
    const owner = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "owner" } },
    });
    const child = owned("child", owner);
    child.metadata!.finalizers = [FINALIZER];
    child.metadata!.ownerReferences![0]!.blockOwnerDeletion = true;
    await core.createNamespacedConfigMap({ namespace: ns, body: child });
    await core.deleteNamespacedConfigMap({
      name: "owner",
      namespace: ns,
      propagationPolicy: "Foreground",
    });
    const held = await eventually(async () => {
      const c = await core.readNamespacedConfigMap({ name: "child", namespace: ns });
      return c.metadata?.deletionTimestamp ? c : undefined;
    }, "dependent marked for deletion");
    expect(held.metadata?.finalizers).toContain(FINALIZER);
    const ownerNow = await core.readNamespacedConfigMap({ name: "owner", namespace: ns });
    expect(ownerNow.metadata?.deletionTimestamp).toBeTruthy();
    expect(ownerNow.metadata?.finalizers).toContain("foregroundDeletion");
    await core.patchNamespacedConfigMap({
      name: "child",
      namespace: ns,
      body: [{ op: "remove", path: "/metadata/finalizers" }],
    });
    await eventually(
      () => gone(core.readNamespacedConfigMap({ name: "owner", namespace: ns })),
      "owner removal after dependents",
    );
  });

  it("orphans dependents with propagationPolicy=Orphan", async () => {
    const ns = await t.namespace("ct-gc-orphan");
    const owner = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "owner" } },
    });
    await core.createNamespacedConfigMap({ namespace: ns, body: owned("child", owner) });
    await core.deleteNamespacedConfigMap({
      name: "owner",
      namespace: ns,
      propagationPolicy: "Orphan",
    });
    await eventually(
      () => gone(core.readNamespacedConfigMap({ name: "owner", namespace: ns })),
      "owner removal",
    );
    const child = await eventually(async () => {
      const cm = await core.readNamespacedConfigMap({ name: "child", namespace: ns });
      return cm.metadata?.ownerReferences?.length ? undefined : cm;
    }, "orphaned child");
    expect(child.metadata?.ownerReferences ?? []).toEqual([]);
  });
});
