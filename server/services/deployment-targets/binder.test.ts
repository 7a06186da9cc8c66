import { describe, expect, it } from "vitest";
import { decideBinding, provisionedNamespace, type TBinderTarget } from "./binder";
import { claimPhaseFor, readyTargetPhase, reclaimAction } from "./phases";

const claim = { id: "0b8e0c9e-4b1e-4c1a-9a53-1f0d6a2b9e11", name: "prod", spaceName: "payments" };

function target(name: string, overrides: Partial<TBinderTarget> = {}): TBinderTarget {
  return {
    id: `id-${name}`,
    name,
    phase: "Available",
    createdAt: new Date("2025-01-01T00:00:00Z"),
    claimed: false,
    deleting: false,
    ...overrides,
  };
}

describe("decideBinding", () => {
  it("binds the oldest Available target, then by name", () => {
    const targets = [
      target("b"),
      target("newer", { createdAt: new Date("2025-02-01T00:00:00Z") }),
      target("a"),
    ];
    expect(decideBinding(claim, targets, new Set())).toEqual({ kind: "bind", targetId: "id-a" });
    // The same rows in any order give the same answer.
    expect(decideBinding(claim, [...targets].reverse(), new Set())).toEqual({
      kind: "bind",
      targetId: "id-a",
    });
  });

  it("never binds a target that is not Available, is claimed, or is being deleted", () => {
    const targets = [
      target("pending", { phase: "Pending" }),
      target("bound", { phase: "Bound", claimed: true }),
      target("released", { phase: "Released" }),
      target("failed", { phase: "Failed" }),
      target("taken", { claimed: true }),
      target("deleting", { deleting: true }),
    ];
    const decision = decideBinding(claim, targets, new Set());
    expect(decision.kind).toBe("provision");
  });

  it("provisions <space>-<claim>-<suffix> when nothing is free, the same name every time", () => {
    const first = decideBinding(claim, [], new Set());
    expect(first).toEqual(decideBinding(claim, [], new Set()));
    if (first.kind !== "provision") throw new Error("expected provision");
    expect(first.namespace).toMatch(/^payments-prod-[0-9a-f]{5}$/);
    expect(first.name).toBe(first.namespace);
  });

  it("moves past a namespace that is already taken on the cluster", () => {
    const taken = provisionedNamespace(claim, 0);
    const decision = decideBinding(claim, [], new Set([taken]));
    expect(decision).toEqual({
      kind: "provision",
      name: provisionedNamespace(claim, 1),
      namespace: provisionedNamespace(claim, 1),
    });
    expect(provisionedNamespace(claim, 1)).not.toBe(taken);
  });

  it("keeps generated names within a DNS label, never ending the stem in a hyphen", () => {
    const long = { ...claim, spaceName: "s".repeat(63), name: "c".repeat(63) };
    const namespace = provisionedNamespace(long, 0);
    expect(namespace.length).toBeLessThanOrEqual(63);
    expect(namespace).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
    const hyphenAtCut = { ...claim, spaceName: "a".repeat(56), name: "b" };
    expect(provisionedNamespace(hyphenAtCut, 0)).toMatch(/^a{56}-[0-9a-f]{5}$/);
  });

  it("gives different claims different names", () => {
    const other = { ...claim, id: "4d3c2b1a-0000-4000-8000-000000000000" };
    expect(provisionedNamespace(other, 0)).not.toBe(provisionedNamespace(claim, 0));
  });
});

describe("claimPhaseFor", () => {
  it("is Bound once the target is Bound, Pending before", () => {
    const pending = { phase: "Pending" as const, targetId: "t" };
    expect(claimPhaseFor(pending, { phase: "Pending", deleting: false })).toBe("Pending");
    expect(claimPhaseFor(pending, { phase: "Available", deleting: false })).toBe("Pending");
    expect(claimPhaseFor(pending, { phase: "Bound", deleting: false })).toBe("Bound");
  });

  it("is Lost when a bound claim's target disappears, and stays Lost", () => {
    expect(claimPhaseFor({ phase: "Bound", targetId: null }, null)).toBe("Lost");
    expect(claimPhaseFor({ phase: "Lost", targetId: null }, null)).toBe("Lost");
    expect(
      claimPhaseFor({ phase: "Lost", targetId: "t" }, { phase: "Bound", deleting: false }),
    ).toBe("Lost");
    expect(claimPhaseFor({ phase: "Pending", targetId: null }, null)).toBe("Pending");
  });
});

describe("readyTargetPhase", () => {
  it("makes a provisioned target Available, or Bound when claimed", () => {
    expect(readyTargetPhase("Pending", false)).toBe("Available");
    expect(readyTargetPhase("Pending", true)).toBe("Bound");
    expect(readyTargetPhase("Available", true)).toBe("Bound");
  });

  it("releases a Bound target nobody claims, and leaves Released and Failed to an admin", () => {
    expect(readyTargetPhase("Bound", false)).toBe("Released");
    expect(readyTargetPhase("Released", true)).toBe("Released");
    expect(readyTargetPhase("Failed", false)).toBe("Failed");
  });
});

describe("reclaimAction", () => {
  it("follows the class for dynamic targets and always retains static ones", () => {
    expect(reclaimAction("dynamic", "Delete")).toBe("delete");
    expect(reclaimAction("dynamic", "Retain")).toBe("release");
    expect(reclaimAction("static", "Delete")).toBe("release");
  });
});
