// Table output as kube-apiserver's printers produce it for `kubectl get`.
import { describe, expect, it } from "vitest";
import { Registry } from "../registry.js";
import { Store } from "../store.js";
import { humanDuration } from "./human-duration.js";
import { jsonPathValues } from "./json-path.js";
import { bodyAsAccepted, preferredTableVersion, watchEventRenderer } from "./table.js";

const KUBECTL_GET_ACCEPT =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

function table(plural: string, group: string, body: object) {
  const registry = new Registry();
  const type = registry.get(group, plural);
  if (!type) throw new Error(`${group}/${plural} not served`);
  return bodyAsAccepted(
    KUBECTL_GET_ACCEPT,
    "list",
    { store: new Store(), type, version: "v1", includeObject: null },
    { kind: `${type.kind}List`, metadata: { resourceVersion: "7" }, items: [body] },
  ) as {
    kind: string;
    apiVersion: string;
    columnDefinitions: { name: string; priority: number }[];
    rows: { cells: unknown[]; object: { kind: string } }[];
  };
}

describe("content negotiation", () => {
  it("kubectl get's Accept prefers Table v1", () => {
    expect(preferredTableVersion(KUBECTL_GET_ACCEPT)).toBe("v1");
  });
  it("plain JSON first, or no Accept, means no Table", () => {
    expect(preferredTableVersion("application/json")).toBeUndefined();
    expect(preferredTableVersion("")).toBeUndefined();
    expect(
      preferredTableVersion("application/json, application/json;as=Table;v=v1;g=meta.k8s.io"),
    ).toBeUndefined();
  });
  it("skips representations it does not serve", () => {
    expect(
      preferredTableVersion(
        "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io",
      ),
    ).toBe("v1beta1");
  });
});

describe("built-in printers", () => {
  it("ConfigMap: Name, Data, Age; rows carry PartialObjectMetadata", () => {
    const t = table("configmaps", "", {
      metadata: { name: "c", creationTimestamp: new Date().toISOString() },
      data: { a: "1", b: "2" },
      binaryData: { c: "AA==" },
    });
    expect(t.kind).toBe("Table");
    expect(t.apiVersion).toBe("meta.k8s.io/v1");
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Data", "Age"]);
    expect(t.rows[0]?.cells.slice(0, 2)).toEqual(["c", 3]);
    expect(t.rows[0]?.object.kind).toBe("PartialObjectMetadata");
  });

  it("ResourceQuota: Request and Limit as used/hard, limits.* in Limit", () => {
    const t = table("resourcequotas", "", {
      metadata: { name: "q" },
      status: {
        hard: { pods: "3", "limits.cpu": "2", "requests.memory": "1Gi" },
        used: { pods: "1" },
      },
    });
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Age", "Request", "Limit"]);
    expect(t.rows[0]?.cells).toEqual([
      "q",
      "<unknown>",
      "pods: 1/3, requests.memory: 0/1Gi",
      "limits.cpu: 0/2",
    ]);
  });

  it("NetworkPolicy: Pod-Selector formatted like metav1.FormatLabelSelector", () => {
    const t = table("networkpolicies", "networking.k8s.io", {
      metadata: { name: "np" },
      spec: {
        podSelector: {
          matchLabels: { app: "web" },
          matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }],
        },
      },
    });
    expect(t.rows[0]?.cells[1]).toBe("app=web,tier in (a,b)");
    const all = table("networkpolicies", "networking.k8s.io", {
      metadata: { name: "np" },
      spec: { podSelector: {} },
    });
    expect(all.rows[0]?.cells[1]).toBe("<none>");
  });

  it("RoleBinding: Role, Age, and the subjects as -o wide columns", () => {
    const t = table("rolebindings", "rbac.authorization.k8s.io", {
      metadata: { name: "rb" },
      roleRef: { kind: "ClusterRole", name: "view" },
      subjects: [
        { kind: "User", name: "bob" },
        { kind: "ServiceAccount", name: "sa", namespace: "ns" },
      ],
    });
    expect(t.columnDefinitions.map((c) => `${c.name}:${c.priority}`)).toEqual([
      "Name:0",
      "Role:0",
      "Age:0",
      "Users:1",
      "Groups:1",
      "ServiceAccounts:1",
    ]);
    expect(t.rows[0]?.cells).toEqual(["rb", "ClusterRole/view", "<unknown>", "bob", "", "ns/sa"]);
  });

  it("Namespace: Name, Status, Age", () => {
    const t = table("namespaces", "", { metadata: { name: "n" }, status: { phase: "Active" } });
    expect(t.rows[0]?.cells.slice(0, 2)).toEqual(["n", "Active"]);
  });

  it("get of a single object is a one-row Table; other verbs are untouched", () => {
    const registry = new Registry();
    const type = registry.get("", "configmaps")!;
    const req = { store: new Store(), type, version: "v1", includeObject: "None" };
    const one = bodyAsAccepted(KUBECTL_GET_ACCEPT, "get", req, {
      metadata: { name: "c", resourceVersion: "5" },
    }) as { rows: object[]; metadata: object };
    expect(one.rows).toEqual([{ cells: ["c", 0, "<unknown>"] }]);
    expect(one.metadata).toEqual({ resourceVersion: "5" });
    const created = { metadata: { name: "c" } };
    expect(bodyAsAccepted(KUBECTL_GET_ACCEPT, "create", req, created)).toBe(created);
  });
});

describe("watch events (kubectl get -w)", () => {
  it("are one-row Tables; only the first carries the column definitions", () => {
    const type = new Registry().get("", "configmaps")!;
    const req = { store: new Store(), type, version: "v1", includeObject: null };
    const render = watchEventRenderer(KUBECTL_GET_ACCEPT, req)!;
    const first = render({ metadata: { name: "a" } }) as Record<string, unknown>;
    const second = render({ metadata: { name: "b" } }) as Record<string, unknown>;
    expect(first.columnDefinitions).toHaveLength(3);
    expect(second).not.toHaveProperty("columnDefinitions");
    expect(second.rows).toMatchObject([{ cells: ["b", 0, "<unknown>"] }]);
    expect(watchEventRenderer("application/json", req)).toBeUndefined();
  });
});

describe("helpers", () => {
  it("humanDuration reads like apimachinery's", () => {
    expect(humanDuration(5_000)).toBe("5s");
    expect(humanDuration(125_000)).toBe("2m5s");
    expect(humanDuration(3 * 3600_000 + 20 * 60_000)).toBe("3h20m");
    expect(humanDuration(50 * 3600_000)).toBe("2d2h");
    expect(humanDuration(-5_000)).toBe("<invalid>");
  });

  it("jsonPathValues handles the paths printer columns use", () => {
    const o = { status: { sync: { status: "Synced" }, conditions: [{ type: "A" }], "a.b": 1 } };
    expect(jsonPathValues(o, ".status.sync.status")).toEqual(["Synced"]);
    expect(jsonPathValues(o, ".status.conditions[0].type")).toEqual(["A"]);
    expect(jsonPathValues(o, ".status['a.b']")).toEqual([1]);
    expect(jsonPathValues(o, ".status.missing")).toEqual([]);
    expect(jsonPathValues(o, ".status.conditions[?(@.type=='A')].type")).toEqual([]);
  });
});
