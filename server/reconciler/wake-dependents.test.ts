// When a row's status change wakes the rows that wait on it: only an environment's, and only when
// its readiness at the current generation changes.
import { describe, expect, it } from "vitest";
import type { TReconcileStatus } from "@/lib/conditions";
import { dependentsToWake } from "./wake-dependents";

const status = (ready: "True" | "False", observedGeneration: number): TReconcileStatus => ({
  observedGeneration,
  conditions: [
    {
      type: "Ready",
      status: ready,
      reason: ready === "True" ? "Applied" : "Progressing",
      message: "",
      observedGeneration,
      lastTransitionTime: "2026-01-01T00:00:00Z",
    },
  ],
});

describe("dependentsToWake", () => {
  it("wakes an environment's bindings when it becomes Ready or stops being Ready", () => {
    expect(dependentsToWake("environment", 1, status("False", 1), status("True", 1))).toBeDefined();
    expect(dependentsToWake("environment", 1, status("True", 1), status("False", 1))).toBeDefined();
  });

  it("wakes them when it is Ready again at a new generation (a new placement)", () => {
    expect(dependentsToWake("environment", 2, status("True", 1), status("True", 2))).toBeDefined();
  });

  it("does not wake them for changes that keep readiness, nor for other kinds", () => {
    expect(
      dependentsToWake("environment", 1, status("True", 1), status("True", 1)),
    ).toBeUndefined();
    expect(
      dependentsToWake("environment", 1, status("False", 1), status("False", 1)),
    ).toBeUndefined();
    expect(dependentsToWake("workspace", 1, status("False", 1), status("True", 1))).toBeUndefined();
  });
});
