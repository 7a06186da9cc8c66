// Patching and server-side apply through KubernetesObjectApi, as Slipway's reconcilers use it.
import {
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
  type V1ResourceQuota,
  Watch,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, eventually, rawRequest, statusOf, type Target } from "./target.js";

let t: Target;
let core: CoreV1Api;
let objects: KubernetesObjectApi;

beforeAll(async () => {
  t = await connect();
  core = t.kc.makeApiClient(CoreV1Api);
  objects = KubernetesObjectApi.makeApiClient(t.kc);
});
afterAll(async () => {
  await t.cleanup();
});

function quota(
  ns: string,
  hard: Record<string, string>,
  labels?: Record<string, string>,
): V1ResourceQuota & KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: "q", namespace: ns, ...(labels ? { labels } : {}) },
    spec: { hard },
  };
}

const ssa = (obj: KubernetesObject, manager: string, force = false, dryRun?: string) =>
  objects.patch(obj, undefined, dryRun, manager, force, PatchStrategy.ServerSideApply);

describe("merge patch and JSON patch", () => {
  it("applies RFC 7386 merge patches and RFC 6902 JSON patches", async () => {
    const ns = await t.namespace("ct-patch");
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "p" }, data: { a: "1", b: "2" } },
    });
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "p", namespace: ns } };
    const merged = await objects.patch(
      { ...cm, data: { a: "10", b: null } } as unknown as KubernetesObject,
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    );
    expect((merged as unknown as { data: unknown }).data).toEqual({ a: "10" });
    const jsonPatched = await core.patchNamespacedConfigMap({
      name: "p",
      namespace: ns,
      body: [
        { op: "add", path: "/data/c", value: "3" },
        { op: "remove", path: "/data/a" },
      ],
    });
    expect(jsonPatched.data).toEqual({ c: "3" });
    const failedTest = await statusOf(
      core.patchNamespacedConfigMap({
        name: "p",
        namespace: ns,
        body: [{ op: "test", path: "/data/c", value: "nope" }],
      }),
    );
    expect(failedTest?.code).toBe(422);
  });
});

describe("server-side apply", () => {
  it("creates, tracks managers, reports conflicts in the apiserver's words, and forces", async () => {
    const ns = await t.namespace("ct-ssa");
    const created = await ssa(quota(ns, { pods: "10", "requests.cpu": "2" }), "slipway");
    // Status entries (a real quota controller's) are ignored: only spec ownership matters here.
    const specManagers = (o: KubernetesObject) =>
      (o.metadata?.managedFields ?? []).filter((m) => !m.subresource);
    expect(specManagers(created).map((m) => [m.manager, m.operation])).toEqual([
      ["slipway", "Apply"],
    ]);
    const fields = created.metadata?.managedFields?.[0]?.fieldsV1 as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    expect(fields["f:spec"]?.["f:hard"]).toHaveProperty("f:pods");

    const conflict = await statusOf(ssa(quota(ns, { pods: "20" }), "other-team"));
    expect(conflict?.code).toBe(409);
    expect(conflict?.body.reason).toBe("Conflict");
    expect(conflict?.body.message).toBe(
      'Apply failed with 1 conflict: conflict with "slipway": .spec.hard.pods',
    );

    // Applying the same value is shared ownership, not a conflict.
    const shared = await ssa(quota(ns, { pods: "10" }), "other-team");
    expect(
      specManagers(shared)
        .map((m) => m.manager)
        .sort(),
    ).toEqual(["other-team", "slipway"]);

    const forced = await ssa(quota(ns, { pods: "30" }), "other-team", true);
    expect((forced as V1ResourceQuota).spec?.hard).toEqual({ pods: "30", "requests.cpu": "2" });
    // slipway lost .spec.hard.pods, so its next apply of a different value conflicts no more.
    const slipwayFields = forced.metadata?.managedFields?.find((m) => m.manager === "slipway")
      ?.fieldsV1 as Record<string, Record<string, Record<string, unknown>>>;
    expect(slipwayFields["f:spec"]?.["f:hard"]).not.toHaveProperty("f:pods");
  });

  it("lists every conflict, grouped by manager, when several fields conflict", async () => {
    const ns = await t.namespace("ct-ssa-multi");
    await ssa(quota(ns, { pods: "10", services: "5" }), "slipway");
    const res = await statusOf(ssa(quota(ns, { pods: "20", services: "6" }), "other-team"));
    expect(res?.code).toBe(409);
    expect(res?.body.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "slipway":\n- .spec.hard.pods\n- .spec.hard.services',
    );
    // metav1.StatusCause's Type field is serialised as `reason`.
    const causes = (res?.body.details as { causes?: Record<string, unknown>[] }).causes ?? [];
    expect(causes).toEqual([
      {
        reason: "FieldManagerConflict",
        message: 'conflict with "slipway"',
        field: ".spec.hard.pods",
      },
      {
        reason: "FieldManagerConflict",
        message: 'conflict with "slipway"',
        field: ".spec.hard.services",
      },
    ]);
  });

  it("a field last written by a plain update conflicts with the updater named with its API version", async () => {
    const ns = await t.namespace("ct-ssa-update");
    await ssa(
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "c", namespace: ns },
        data: { a: "1" },
      } as KubernetesObject,
      "slipway",
    );
    await core.patchNamespacedConfigMap({
      name: "c",
      namespace: ns,
      fieldManager: "hand-edit",
      body: [{ op: "replace", path: "/data/a", value: "2" }],
    });
    const res = await statusOf(
      ssa(
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "c", namespace: ns },
          data: { a: "3" },
        } as KubernetesObject,
        "slipway",
      ),
    );
    expect(res?.code).toBe(409);
    expect(res?.body.message).toMatch(
      /^Apply failed with 1 conflict: conflict with "hand-edit" using v1( at \S+)?: \.data\.a$/,
    );
  });

  it("removes fields a manager stops applying, keeps fields others own", async () => {
    const ns = await t.namespace("ct-ssa-rm");
    await ssa(quota(ns, { pods: "10", services: "5" }), "slipway");
    const after = await ssa(quota(ns, { pods: "10" }), "slipway");
    expect((after as V1ResourceQuota).spec?.hard).toEqual({ pods: "10" });
    await ssa(quota(ns, { pods: "10", secrets: "3" }), "other-team");
    const kept = await ssa(quota(ns, {}), "other-team");
    expect((kept as V1ResourceQuota).spec?.hard).toEqual({ pods: "10" });
  });

  it("an identical apply changes nothing: same resourceVersion and no watch event", async () => {
    const ns = await t.namespace("ct-ssa-noop");
    // A ConfigMap, not a ResourceQuota: a real quota controller writes quota status on its own.
    const cm = (data: Record<string, string>) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: ns, labels: { team: "a" } },
      data,
    });
    const first = await ssa(cm({ k: "1" }), "slipway");
    const events: string[] = [];
    const watch = await new Watch(t.kc).watch(
      `/api/v1/namespaces/${ns}/configmaps`,
      { resourceVersion: first.metadata?.resourceVersion, fieldSelector: "metadata.name=c" },
      (type: string, obj: KubernetesObject) =>
        events.push(`${type}:${obj.metadata?.resourceVersion}`),
      () => undefined,
    );
    try {
      const again = await ssa(cm({ k: "1" }), "slipway");
      expect(again.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
      // A marker change after the no-op proves the stream was live: it must be the first event seen.
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: "marker" } },
      });
      const changed = await ssa(cm({ k: "2" }), "slipway");
      await eventually(() => events.length > 0, "watch event for the real change");
      expect(events).toEqual([`MODIFIED:${changed.metadata?.resourceVersion}`]);
    } finally {
      watch.abort();
    }
  });

  it("dryRun=All returns the result without storing it", async () => {
    const ns = await t.namespace("ct-ssa-dry");
    const dry = await ssa(quota(ns, { pods: "3" }), "slipway", false, "All");
    expect((dry as V1ResourceQuota).spec?.hard).toEqual({ pods: "3" });
    const missing = await statusOf(core.readNamespacedResourceQuota({ name: "q", namespace: ns }));
    expect(missing?.code).toBe(404);
    await ssa(quota(ns, { pods: "3" }), "slipway");
    const dry2 = await ssa(quota(ns, { pods: "4" }), "slipway", false, "All");
    expect((dry2 as V1ResourceQuota).spec?.hard).toEqual({ pods: "4" });
    const stored = await core.readNamespacedResourceQuota({ name: "q", namespace: ns });
    expect(stored.spec?.hard).toEqual({ pods: "3" });
  });

  it("requires a fieldManager and rejects a mismatched kind", async () => {
    const ns = await t.namespace("ct-ssa-bad");
    const noManager = await statusOf(
      objects.patch(
        quota(ns, { pods: "1" }),
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.ServerSideApply,
      ),
    );
    expect(noManager?.code).toBe(422);
  });

  it("refuses a top-level field the kind does not have, which create drops", async () => {
    const ns = await t.namespace("ct-ssa-unknown");
    // Raw requests: client-node's typed ConfigMap model would drop `spec` before sending.
    const cm = (name: string) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name, namespace: ns },
        data: { a: "1" },
        spec: { replicas: 1 },
      });
    const collection = `/api/v1/namespaces/${ns}/configmaps`;
    const applied = await rawRequest(t.kc, "PATCH", `${collection}/applied?fieldManager=slipway`, {
      contentType: "application/apply-patch+yaml",
      data: cm("applied"),
    });
    // v1.24: 500 "failed to create typed patch object (…): .spec: field not declared in schema".
    expect(applied.code).toBeGreaterThanOrEqual(400);
    expect(String(applied.body.message)).toContain(".spec");
    const missing = await statusOf(
      core.readNamespacedConfigMap({ name: "applied", namespace: ns }),
    );
    expect(missing?.code).toBe(404);
    const created = await rawRequest(t.kc, "POST", collection, {
      contentType: "application/json",
      data: cm("created"),
    });
    expect(created.code).toBe(201);
    expect(created.body).not.toHaveProperty("spec");
    expect(created.body.data).toEqual({ a: "1" });
  });

  it("applies to a missing namespace answer 404 NotFound", async () => {
    const res = await statusOf(ssa(quota("ct-missing-namespace-zz", { pods: "1" }), "slipway"));
    expect(res?.code).toBe(404);
    expect(res?.body).toMatchObject({ kind: "Status", reason: "NotFound" });
  });
});
