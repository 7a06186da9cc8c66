// CustomResourceDefinitions: establishing, discovery, schema validation/pruning, status
// subresource and generation — with the upstream Argo CD CRDs and a purpose-built one.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ApiextensionsV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  loadYaml,
  PatchStrategy,
  type KubernetesObject,
  type V1CustomResourceDefinition,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_CRDS_DIR } from "../index.js";
import { connect, eventually, rawRequest, statusOf, type Target, uniqueName } from "./target.js";

let t: Target;
let ext: ApiextensionsV1Api;
let objects: KubernetesObjectApi;
let custom: CustomObjectsApi;

const MANAGER = "slipway-contract";

/** Server-side apply as this suite's field manager, forcing conflicts. */
const forceApply = <T extends KubernetesObject>(obj: T): Promise<T> =>
  objects.patch(obj, undefined, undefined, MANAGER, true, PatchStrategy.ServerSideApply);

async function applyCrd(crd: V1CustomResourceDefinition): Promise<void> {
  await forceApply(crd);
  await eventually(async () => {
    const got = await ext.readCustomResourceDefinition({ name: crd.metadata?.name ?? "" });
    return got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
  }, `CRD ${crd.metadata?.name} Established`);
}

beforeAll(async () => {
  t = await connect();
  ext = t.kc.makeApiClient(ApiextensionsV1Api);
  objects = KubernetesObjectApi.makeApiClient(t.kc);
  custom = t.kc.makeApiClient(CustomObjectsApi);
  for (const f of ["application-crd.yaml", "appproject-crd.yaml"]) {
    // loadYaml, not a plain YAML parse: KubernetesObjectApi serialises by the typed model and would
    // silently drop `x-kubernetes-*` and `enum` keys from an untyped object.
    await applyCrd(
      loadYaml<V1CustomResourceDefinition>(readFileSync(join(BUNDLED_CRDS_DIR, f), "utf8")),
    );
  }
});
afterAll(async () => {
  await t.cleanup();
});

function application(ns: string, name: string, spec: Record<string, unknown>): KubernetesObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name, namespace: ns },
    spec,
  } as KubernetesObject;
}

const validSpec = {
  project: "default",
  source: { repoURL: "https://example.com/repo.git", path: "app", targetRevision: "HEAD" },
  destination: { server: "https://kubernetes.default.svc", namespace: "apps" },
};

describe("Argo CD CRDs", () => {
  it("are discoverable once Established", async () => {
    const list = await custom.getAPIResources({ group: "argoproj.io", version: "v1alpha1" });
    const apps = list.resources.find((r) => r.name === "applications");
    expect(apps).toMatchObject({ kind: "Application", namespaced: true });
    expect(apps?.verbs).toEqual(
      expect.arrayContaining(["get", "list", "watch", "create", "update", "patch", "delete"]),
    );
  });

  it("create prunes unknown fields silently but keeps preserved ones", async () => {
    const ns = await t.namespace("ct-argo");
    const spec = {
      ...validSpec,
      bogusField: "x",
      source: { ...validSpec.source, helm: { valuesObject: { any: { nested: ["thing"] } } } },
    };
    const created = (await objects.create(
      application(ns, "guestbook", spec),
    )) as KubernetesObject & {
      spec: Record<string, unknown> & { source: { helm: { valuesObject: unknown } } };
    };
    expect(created.spec).not.toHaveProperty("bogusField");
    expect(created.spec.source.helm.valuesObject).toEqual({ any: { nested: ["thing"] } });
    expect(created.metadata?.generation).toBe(1);
  });

  it("server-side apply never prunes: a field the schema does not declare refuses the apply", async () => {
    const ns = await t.namespace("ct-argo-ssa");
    const res = await statusOf(
      forceApply(application(ns, "guestbook", { ...validSpec, bogusField: "x" })),
    );
    // v1.24 answers 500 ("failed to create typed patch object (…): .spec.bogusField: field not
    // declared in schema"); later versions may choose another code, but always refuse.
    expect(res?.code).toBeGreaterThanOrEqual(400);
    expect(String(res?.body.message)).toContain(".spec.bogusField");
    const stored = await statusOf(
      custom.getNamespacedCustomObject({
        group: "argoproj.io",
        version: "v1alpha1",
        namespace: ns,
        plural: "applications",
        name: "guestbook",
      }),
    );
    expect(stored?.code).toBe(404);
  });

  it("answers a version the group does not serve with Go's plain-text 404", async () => {
    const res = await rawRequest(t.kc, "GET", "/apis/argoproj.io/v9");
    expect(res.code).toBe(404);
    expect(res.contentType).toMatch(/^text\/plain/);
    expect(res.text.trim()).toBe("404 page not found");
  });

  it("refuses a wrong type with 422 Invalid naming the field", async () => {
    const ns = await t.namespace("ct-argo-bad");
    const res = await statusOf(
      objects.create(application(ns, "bad", { ...validSpec, project: 42 })),
    );
    expect(res?.code).toBe(422);
    expect(res?.body.reason).toBe("Invalid");
    expect(String(res?.body.message)).toContain("spec.project");
    const causes =
      (res?.body.details as { causes?: { field?: string }[] } | undefined)?.causes ?? [];
    expect(causes.map((c) => c.field)).toContain("spec.project");
  });

  it("refuses a missing required field", async () => {
    const ns = await t.namespace("ct-argo-req");
    const { destination: _d, ...noDestination } = validSpec;
    const res = await statusOf(objects.create(application(ns, "bad", noDestination)));
    expect(res?.code).toBe(422);
    expect(String(res?.body.message)).toContain("spec.destination: Required value");
  });
});

describe("a CRD with enum, status subresource and generation", () => {
  const group = `${uniqueName("ct").replace("-", "")}.contract.slipway.dev`;
  const crd: V1CustomResourceDefinition = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  required: ["size"],
                  properties: {
                    size: { type: "string", _enum: ["small", "large"] },
                    replicas: { type: "integer", _default: 1 },
                    maxSurge: { x_kubernetes_int_or_string: true },
                    note: { type: "string", nullable: true },
                    extra: { type: "object", x_kubernetes_preserve_unknown_fields: true },
                    ports: {
                      type: "array",
                      x_kubernetes_list_type: "map",
                      x_kubernetes_list_map_keys: ["name"],
                      items: {
                        type: "object",
                        required: ["name"],
                        properties: { name: { type: "string" }, port: { type: "integer" } },
                      },
                    },
                  },
                },
                status: { type: "object", properties: { phase: { type: "string" } } },
              },
            },
          },
        },
      ],
    },
  };
  // client-node's typed model serialises these keys to `enum` / `x-kubernetes-preserve-unknown-fields`.
  const props = crd.spec.versions[0]!.schema!.openAPIV3Schema!.properties!.spec!.properties!;
  props.size = { type: "string", _enum: ["small", "large"] };
  props.extra = { type: "object", x_kubernetes_preserve_unknown_fields: true };

  const widget = (ns: string, spec: Record<string, unknown>, labels?: Record<string, string>) =>
    ({
      apiVersion: `${group}/v1`,
      kind: "Widget",
      metadata: { name: "w", namespace: ns, ...(labels ? { labels } : {}) },
      spec,
    }) as KubernetesObject;

  beforeAll(async () => {
    await ext.createCustomResourceDefinition({ body: crd });
    await eventually(async () => {
      const got = await ext.readCustomResourceDefinition({ name: `widgets.${group}` });
      return got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
    }, "widgets CRD Established");
  });
  afterAll(async () => {
    await ext.deleteCustomResourceDefinition({ name: `widgets.${group}` }).catch(() => undefined);
  });

  it("deleting a CRD deletes its objects and stops serving the kind", async () => {
    const tmpGroup = `${uniqueName("ctdel").replace("-", "")}.contract.slipway.dev`;
    const tmp: V1CustomResourceDefinition = {
      ...crd,
      metadata: { name: `gadgets.${tmpGroup}` },
      spec: {
        ...crd.spec,
        group: tmpGroup,
        names: { plural: "gadgets", singular: "gadget", kind: "Gadget", listKind: "GadgetList" },
      },
    };
    await ext.createCustomResourceDefinition({ body: tmp });
    await eventually(async () => {
      const got = await ext.readCustomResourceDefinition({ name: `gadgets.${tmpGroup}` });
      return got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
    }, "gadgets CRD Established");
    const ns = await t.namespace("ct-crd-del");
    await custom.createNamespacedCustomObject({
      group: tmpGroup,
      version: "v1",
      namespace: ns,
      plural: "gadgets",
      body: {
        apiVersion: `${tmpGroup}/v1`,
        kind: "Gadget",
        metadata: { name: "g" },
        spec: { size: "small" },
      },
    });
    await ext.deleteCustomResourceDefinition({ name: `gadgets.${tmpGroup}` });
    await eventually(
      async () =>
        (await statusOf(ext.readCustomResourceDefinition({ name: `gadgets.${tmpGroup}` })))
          ?.code === 404,
      "CRD removal",
    );
    const gone = await eventually(async () => {
      const res = await statusOf(custom.getAPIResources({ group: tmpGroup, version: "v1" }));
      return res?.code === 404 ? res : undefined;
    }, "discovery removal");
    expect(gone.text.trim()).toBe("404 page not found");
  });

  it("validates enums", async () => {
    const ns = await t.namespace("ct-enum");
    const res = await statusOf(objects.create(widget(ns, { size: "huge" })));
    expect(res?.code).toBe(422);
    expect(String(res?.body.message)).toContain('spec.size: Unsupported value: "huge"');
  });

  it("bumps generation on spec changes only, and keeps status behind its subresource", async () => {
    const ns = await t.namespace("ct-gen");
    const created = await objects.create(
      widget(ns, { size: "small", extra: { free: { form: 1 } } }),
    );
    expect(created.metadata?.generation).toBe(1);
    expect((created as unknown as { spec: { extra: unknown } }).spec.extra).toEqual({
      free: { form: 1 },
    });
    const relabelled = await forceApply(widget(ns, { size: "small" }, { a: "b" }));
    expect(relabelled.metadata?.generation).toBe(1);
    const resized = await forceApply(widget(ns, { size: "large" }, { a: "b" }));
    expect(resized.metadata?.generation).toBe(2);

    // Status written through the main resource is ignored...
    const ignored: unknown = await custom.patchNamespacedCustomObject({
      group,
      version: "v1",
      namespace: ns,
      plural: "widgets",
      name: "w",
      body: [{ op: "add", path: "/status", value: { phase: "Ready" } }],
    });
    expect((ignored as { status?: unknown }).status).toBeUndefined();
    // ...and through /status it is stored without touching generation.
    const withStatus = (await custom.patchNamespacedCustomObjectStatus({
      group,
      version: "v1",
      namespace: ns,
      plural: "widgets",
      name: "w",
      body: [{ op: "add", path: "/status", value: { phase: "Ready" } }],
    })) as KubernetesObject & { status?: { phase?: string } };
    expect(withStatus.status?.phase).toBe("Ready");
    expect(withStatus.metadata?.generation).toBe(2);
  });

  it("defaults, accepts int-or-string and nullable values, and refuses wrong types", async () => {
    const ns = await t.namespace("ct-defaults");
    const created = (await objects.create(
      widget(ns, { size: "small", maxSurge: "25%", note: null }),
    )) as KubernetesObject & { spec: Record<string, unknown> };
    expect(created.spec.replicas).toBe(1);
    expect(created.spec.maxSurge).toBe("25%");
    const asInt = (await forceApply(
      widget(ns, { size: "small", maxSurge: 2 }),
    )) as KubernetesObject & { spec: Record<string, unknown> };
    expect(asInt.spec.maxSurge).toBe(2);
    const wrongTypes = { size: "small", maxSurge: true, replicas: "three" };
    // Apply converts to a typed value first and refuses what does not fit the field's type
    // (int-or-string takes any scalar there; the schema check below catches the boolean).
    const applied = await statusOf(forceApply(widget(ns, wrongTypes)));
    expect(applied?.code).toBeGreaterThanOrEqual(400);
    expect(String(applied?.body.message)).toContain(".spec.replicas");
    // Create validates against the schema: 422 with one cause per field.
    const other = await t.namespace("ct-defaults-create");
    const created2 = await statusOf(objects.create(widget(other, wrongTypes)));
    expect(created2?.code).toBe(422);
    const causes = (created2?.body.details as { causes?: Record<string, unknown>[] }).causes ?? [];
    expect(causes.map((c) => [c.reason, c.field]).sort()).toEqual([
      ["FieldValueInvalid", "spec.maxSurge"],
      ["FieldValueInvalid", "spec.replicas"],
    ]);
  });

  it("merges associative lists (x-kubernetes-list-type: map) item by item across managers", async () => {
    const ns = await t.namespace("ct-listmap");
    const apply = (ports: { name: string; port: number }[], manager: string) =>
      objects.patch(
        widget(ns, { size: "small", ports }),
        undefined,
        undefined,
        manager,
        false,
        PatchStrategy.ServerSideApply,
      );
    await apply([{ name: "http", port: 80 }], "team-a");
    await apply([{ name: "metrics", port: 9090 }], "team-b");
    const both = (await custom.getNamespacedCustomObject({
      group,
      version: "v1",
      namespace: ns,
      plural: "widgets",
      name: "w",
    })) as { spec: { ports: unknown[] } };
    expect(both.spec.ports).toEqual([
      { name: "http", port: 80 },
      { name: "metrics", port: 9090 },
    ]);
    const conflict = await statusOf(apply([{ name: "http", port: 8080 }], "team-b"));
    expect(conflict?.body.message).toBe(
      'Apply failed with 1 conflict: conflict with "team-a": .spec.ports[name="http"].port',
    );
    // team-b dropping its item removes only that item.
    await apply([], "team-b");
    const after = (await custom.getNamespacedCustomObject({
      group,
      version: "v1",
      namespace: ns,
      plural: "widgets",
      name: "w",
    })) as { spec: { ports: unknown[] } };
    expect(after.spec.ports).toEqual([{ name: "http", port: 80 }]);
  });

  it("lists custom resources with label selectors", async () => {
    const ns = await t.namespace("ct-crlist");
    await objects.create(widget(ns, { size: "small" }, { tier: "gold" }));
    const gold = (await custom.listNamespacedCustomObject({
      group,
      version: "v1",
      namespace: ns,
      plural: "widgets",
      labelSelector: "tier=gold",
    })) as { items: KubernetesObject[] };
    const silver = (await custom.listNamespacedCustomObject({
      group,
      version: "v1",
      namespace: ns,
      plural: "widgets",
      labelSelector: "tier=silver",
    })) as { items: KubernetesObject[] };
    expect(gold.items.map((i) => i.metadata?.name)).toEqual(["w"]);
    expect(gold.items[0]?.kind).toBe("Widget");
    expect(silver.items).toEqual([]);
  });
});
