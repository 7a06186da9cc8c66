import type { KubernetesObject } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { toWireShape } from "@/server/k8s/wire-shape";
import { containsFields, upToDate } from "./up-to-date";

const quota = {
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "q", namespace: "ns", labels: { a: "1" } },
  spec: { hard: { pods: "10" } },
};
const row = (overrides: object = {}) => ({
  id: "r",
  ownerKey: "environment/e",
  clusterId: "c",
  apiVersion: "v1",
  kind: "ResourceQuota",
  namespace: "ns",
  name: "q",
  uid: "u",
  resourceVersion: "7",
  health: "Applied" as const,
  message: "",
  observed: {
    ...quota,
    metadata: { ...quota.metadata, uid: "u", resourceVersion: "7" },
    status: { hard: { pods: "10" } },
  },
  observedAt: new Date(),
  ...overrides,
});
/** The watch's view of the quota: the server's own fields around what was applied. */
const watched = (hard: Record<string, string> = { pods: "10" }) =>
  new Map<string, KubernetesObject>().set("v1|ResourceQuota|ns|q", {
    ...quota,
    metadata: { ...quota.metadata, uid: "u", resourceVersion: "9" },
    spec: { hard },
  } as KubernetesObject);

describe("containsFields", () => {
  it("accepts fields the server added and refuses a changed or missing one", () => {
    expect(containsFields({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } })).toBe(true);
    expect(containsFields({ b: { c: 3 } }, { b: { c: 2 } })).toBe(false);
    expect(containsFields({}, { b: 1 })).toBe(false);
    expect(containsFields({ l: [{ x: 1, y: 2 }] }, { l: [{ x: 1 }] })).toBe(true);
    expect(containsFields({ l: [{ x: 1 }, { x: 2 }] }, { l: [{ x: 1 }] })).toBe(false);
  });
});

describe("upToDate", () => {
  it("is true while the watch sees every desired field, whatever the resourceVersion", () => {
    // The row says version 7; the quota controller wrote status since (version 9).
    expect(upToDate([quota], [row()], watched())).toBe(true);
  });

  it("is false after an edit, a deletion, an extra object, a failure or a changed desire", () => {
    expect(upToDate([quota], [row()], watched({ pods: "99" }))).toBe(false);
    expect(upToDate([quota], [row()], new Map())).toBe(false);
    const extra = new Map([
      ...watched(),
      ["v1|LimitRange|ns|l", { apiVersion: "v1", kind: "LimitRange" }],
    ]);
    expect(upToDate([quota], [row()], extra)).toBe(false);
    expect(upToDate([quota], [row({ health: "Failed" })], watched())).toBe(false);
    const changed = { ...quota, spec: { hard: { pods: "11" } } };
    expect(upToDate([changed], [row()], watched())).toBe(false);
  });
});

describe("upToDate with client-node's typed shapes", () => {
  // The builders write `_default` (client-node's name); watches deliver the wire shape, so a pass
  // converts its desired objects with toWireShape before comparing.
  const limits = {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "l", namespace: "ns" },
    spec: { limits: [{ type: "Container", _default: { cpu: "500m" } }] },
  };
  const limitsRow = row({ kind: "LimitRange", name: "l" });
  const watchedLimits = (cpu: string) =>
    new Map<string, KubernetesObject>().set("v1|LimitRange|ns|l", {
      ...limits,
      spec: { limits: [{ type: "Container", default: { cpu } }] },
    } as KubernetesObject);

  it("compares a typed desired object, converted, with the wire shape the watch delivers", () => {
    const wire = toWireShape(limits);
    expect(upToDate([wire], [limitsRow], watchedLimits("500m"))).toBe(true);
    expect(upToDate([wire], [limitsRow], watchedLimits("1"))).toBe(false);
  });
});
