import { describe, expect, it } from "vitest";
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
const seen = (rv = "7") => new Map([["v1|ResourceQuota|ns|q", rv]]);

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
  it("is true when the watch sees the applied version and it holds every desired field", () => {
    expect(upToDate([quota], [row()], seen())).toBe(true);
  });

  it("is false after an edit, a deletion, an extra object, a failure or a changed desire", () => {
    expect(upToDate([quota], [row()], seen("8"))).toBe(false);
    expect(upToDate([quota], [row()], new Map())).toBe(false);
    expect(upToDate([quota], [row()], new Map([...seen(), ["v1|LimitRange|ns|l", "3"]]))).toBe(
      false,
    );
    expect(upToDate([quota], [row({ health: "Failed" })], seen())).toBe(false);
    const changed = { ...quota, spec: { hard: { pods: "11" } } };
    expect(upToDate([changed], [row()], seen())).toBe(false);
  });
});

describe("upToDate with client-node's typed shapes", () => {
  // The builders write `_default` (client-node's name); the rows hold what the cluster says.
  const limits = {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: "l", namespace: "ns" },
    spec: { limits: [{ type: "Container", _default: { cpu: "500m" } }] },
  };
  const limitsRow = (cpu: string) =>
    row({
      kind: "LimitRange",
      name: "l",
      observed: {
        ...limits,
        metadata: { ...limits.metadata, uid: "u", resourceVersion: "7" },
        spec: { limits: [{ type: "Container", default: { cpu } }] },
      },
    });
  const seenLimits = new Map([["v1|LimitRange|ns|l", "7"]]);

  it("compares a typed desired object with the wire shape the cluster answered", () => {
    expect(upToDate([limits], [limitsRow("500m")], seenLimits)).toBe(true);
    expect(upToDate([limits], [limitsRow("1")], seenLimits)).toBe(false);
  });
});
