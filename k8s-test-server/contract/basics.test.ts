import {
  ApisApi,
  CoreApi,
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  NetworkingV1Api,
  RbacAuthorizationV1Api,
  VersionApi,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, rawRequest, statusOf, type Target, uniqueName } from "./target.js";

let t: Target;
let core: CoreV1Api;

beforeAll(async () => {
  t = await connect();
  core = t.kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await t.cleanup();
});

describe("CRUD on ConfigMaps", () => {
  it("creates, reads, updates with conflicts, and deletes", async () => {
    const ns = await t.namespace("ct-crud");
    const created = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: "a", labels: { app: "x" } }, data: { k: "v" } },
    });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    const dup = await statusOf(
      core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "a" } } }),
    );
    expect(dup?.code).toBe(409);
    expect(dup?.body.reason).toBe("AlreadyExists");
    const read = await core.readNamespacedConfigMap({ name: "a", namespace: ns });
    expect(read.data).toEqual({ k: "v" });
    const updated = await core.replaceNamespacedConfigMap({
      name: "a",
      namespace: ns,
      body: { ...read, data: { k: "v2" } },
    });
    expect(updated.metadata?.resourceVersion).not.toBe(read.metadata?.resourceVersion);
    const stale = await statusOf(
      core.replaceNamespacedConfigMap({
        name: "a",
        namespace: ns,
        body: { ...read, data: { k: "v3" } },
      }),
    );
    expect(stale?.code).toBe(409);
    expect(stale?.body.reason).toBe("Conflict");
    await core.deleteNamespacedConfigMap({ name: "a", namespace: ns });
    const gone = await statusOf(core.readNamespacedConfigMap({ name: "a", namespace: ns }));
    expect(gone?.code).toBe(404);
    expect(gone?.body).toMatchObject({ kind: "Status", reason: "NotFound", code: 404 });
  });
});

describe("version", () => {
  it("serves /version", async () => {
    const v = await t.kc.makeApiClient(VersionApi).getCode();
    expect(v.major).toBeTruthy();
    expect(v.gitVersion).toMatch(/^v1\./);
  });
});

describe("discovery", () => {
  it("serves /api, /api/v1, /apis and group versions with kinds, scope and verbs", async () => {
    const versions = await t.kc.makeApiClient(CoreApi).getAPIVersions();
    expect(versions.versions).toContain("v1");
    const v1 = await core.getAPIResources();
    const cms = v1.resources.find((r) => r.name === "configmaps");
    expect(cms).toMatchObject({ kind: "ConfigMap", namespaced: true });
    expect(cms?.verbs).toEqual(
      expect.arrayContaining([
        "create",
        "delete",
        "deletecollection",
        "get",
        "list",
        "patch",
        "update",
        "watch",
      ]),
    );
    expect(v1.resources.find((r) => r.name === "namespaces")).toMatchObject({
      kind: "Namespace",
      namespaced: false,
    });
    for (const name of [
      "resourcequotas",
      "limitranges",
      "serviceaccounts",
      "secrets",
      "events",
      "serviceaccounts/token",
      "namespaces/status",
    ]) {
      expect(v1.resources.map((r) => r.name)).toContain(name);
    }
    const groups = await t.kc.makeApiClient(ApisApi).getAPIVersions();
    const names = groups.groups.map((g) => g.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "rbac.authorization.k8s.io",
        "networking.k8s.io",
        "apiextensions.k8s.io",
      ]),
    );
    const rbacList = await t.kc
      .makeApiClient(CustomObjectsApi)
      .getAPIResources({ group: "rbac.authorization.k8s.io", version: "v1" });
    expect(rbacList.resources.map((r) => `${r.name}:${r.kind}:${r.namespaced}`).sort()).toEqual(
      expect.arrayContaining([
        "clusterrolebindings:ClusterRoleBinding:false",
        "clusterroles:ClusterRole:false",
        "rolebindings:RoleBinding:true",
        "roles:Role:true",
      ]),
    );
  });
});

describe("not found", () => {
  it("answers a group or version that is not served with Go's plain-text 404", async () => {
    for (const path of ["/apis/nope.example.com/v1", "/apis/nope.example.com"]) {
      const res = await rawRequest(t.kc, "GET", path);
      expect(res.code, path).toBe(404);
      expect(res.contentType, path).toMatch(/^text\/plain/);
      expect(res.text.trim(), path).toBe("404 page not found");
    }
  });

  it("answers an unknown resource under a built-in group version with a NotFound Status", async () => {
    for (const path of ["/api/v1/nopes", "/apis/rbac.authorization.k8s.io/v1/nopes"]) {
      const res = await rawRequest(t.kc, "GET", path);
      expect(res.code, path).toBe(404);
      expect(res.contentType, path).toMatch(/^application\/json/);
      expect(res.body, path).toMatchObject({
        kind: "Status",
        status: "Failure",
        reason: "NotFound",
        code: 404,
      });
    }
  });
});

describe("lists", () => {
  it("filters with label and field selectors", async () => {
    const ns = await t.namespace("ct-select");
    for (const [name, tier] of [
      ["a", "web"],
      ["b", "web"],
      ["c", "db"],
    ] as const) {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name, labels: { tier } } },
      });
    }
    const names = (l: { items: { metadata?: { name?: string } }[] }) =>
      l.items.map((i) => i.metadata?.name);
    expect(
      names(await core.listNamespacedConfigMap({ namespace: ns, labelSelector: "tier=web" })),
    ).toEqual(["a", "b"]);
    expect(
      names(
        await core.listNamespacedConfigMap({
          namespace: ns,
          labelSelector: "tier in (db),!missing",
        }),
      ),
    ).toEqual(["c"]);
    expect(
      names(
        await core.listNamespacedConfigMap({
          namespace: ns,
          labelSelector: "tier",
          fieldSelector: "metadata.name!=a",
        }),
      ),
    ).toEqual(["b", "c"]);
    const all = await core.listConfigMapForAllNamespaces({
      fieldSelector: `metadata.namespace=${ns},metadata.name=c`,
    });
    expect(names(all)).toEqual(["c"]);
    const bad = await statusOf(
      core.listNamespacedConfigMap({ namespace: ns, fieldSelector: "spec.nope=1" }),
    );
    expect(bad?.code).toBe(400);
    expect(bad?.body.reason).toBe("BadRequest");
  });
});

describe("built-in kinds", () => {
  it("serves Secrets (stringData folded into data), LimitRanges, Events, NetworkPolicies and RBAC kinds", async () => {
    const ns = await t.namespace("ct-kinds");
    const secret = await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: "s" }, stringData: { password: "hunter2" } },
    });
    expect(secret.data).toEqual({ password: Buffer.from("hunter2").toString("base64") });
    expect(secret.type).toBe("Opaque");
    await core.createNamespacedLimitRange({
      namespace: ns,
      body: {
        metadata: { name: "l" },
        spec: { limits: [{ type: "Container", _default: { cpu: "500m" } }] },
      },
    });
    await core.createNamespacedEvent({
      namespace: ns,
      body: {
        metadata: { name: "e" },
        involvedObject: { kind: "ConfigMap", name: "x", namespace: ns },
        reason: "Tested",
        message: "hello",
        type: "Normal",
      },
    });
    const events = await core.listNamespacedEvent({
      namespace: ns,
      fieldSelector: "involvedObject.kind=ConfigMap,reason=Tested",
    });
    expect(events.items.map((e) => e.message)).toEqual(["hello"]);
    const np = await t.kc.makeApiClient(NetworkingV1Api).createNamespacedNetworkPolicy({
      namespace: ns,
      body: { metadata: { name: "deny" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } },
    });
    expect(np.metadata?.generation).toBe(1);
    const rbac = t.kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createClusterRole({
      body: {
        metadata: { name: `${ns}-reader` },
        rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }],
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: `${ns}-reader` },
        roleRef: {
          apiGroup: "rbac.authorization.k8s.io",
          kind: "ClusterRole",
          name: `${ns}-reader`,
        },
        subjects: [{ kind: "User", name: "nobody", apiGroup: "rbac.authorization.k8s.io" }],
      },
    });
    await rbac.deleteClusterRoleBinding({ name: `${ns}-reader` });
    await rbac.deleteClusterRole({ name: `${ns}-reader` });
  });

  it("generateName, dryRun create and name validation", async () => {
    const ns = await t.namespace("ct-names");
    const generated = await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { generateName: "gen-" } },
    });
    expect(generated.metadata?.name).toMatch(/^gen-[a-z0-9]{5}$/);
    const dry = await core.createNamespacedConfigMap({
      namespace: ns,
      dryRun: "All",
      body: { metadata: { name: "dry" } },
    });
    expect(dry.metadata?.name).toBe("dry");
    expect(
      (await statusOf(core.readNamespacedConfigMap({ name: "dry", namespace: ns })))?.code,
    ).toBe(404);
    const invalid = await statusOf(
      core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "Not_Valid" } } }),
    );
    expect(invalid?.code).toBe(422);
    expect(invalid?.body.reason).toBe("Invalid");
    expect(String(invalid?.body.message)).toContain(
      'ConfigMap "Not_Valid" is invalid: metadata.name: Invalid value: "Not_Valid"',
    );
  });

  it("KubernetesObjectApi reads and lists any kind", async () => {
    const ns = await t.namespace("ct-objapi");
    const objects = KubernetesObjectApi.makeApiClient(t.kc);
    await objects.create({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "robot", namespace: ns },
    });
    const read = await objects.read({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "robot", namespace: ns },
    });
    expect(read.metadata?.uid).toBeTruthy();
    const list = await objects.list("v1", "ServiceAccount", ns);
    expect(list.items.map((i) => i.metadata?.name).sort()).toContain("robot");
    void uniqueName;
  });
});
