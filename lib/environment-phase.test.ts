import { describe, expect, it } from "vitest";
import { EMPTY_STATUS, type TCondition } from "./conditions";
import { phaseOf } from "./environment-phase";

const condition = (type: TCondition["type"], status: TCondition["status"], generation: number) => ({
  type,
  status,
  reason: "R",
  message: `${type} ${status}`,
  observedGeneration: generation,
  lastTransitionTime: "2030-01-01T00:00:00Z",
});

describe("phaseOf", () => {
  const row = (status = EMPTY_STATUS, generation = 1, deletionRequestedAt: Date | null = null) => ({
    status,
    generation,
    deletionRequestedAt,
  });

  it("is Pending before the first pass and Deleting once deletion is asked for", () => {
    expect(phaseOf(row())).toEqual({ phase: "Pending" });
    expect(phaseOf(row(EMPTY_STATUS, 1, new Date()))).toEqual({ phase: "Deleting" });
  });

  it("is Ready only for the current generation", () => {
    const status = { conditions: [condition("Ready", "True", 1)], observedGeneration: 1 };
    expect(phaseOf(row(status, 1))).toEqual({ phase: "Ready" });
    expect(phaseOf(row(status, 2))).toEqual({ phase: "Reconciling" });
  });

  it("is Failed with the last error and the next retry", () => {
    const status = {
      conditions: [condition("Ready", "False", 1)],
      observedGeneration: 1,
      lastError: "cannot create namespaces",
      nextRetryAt: "2030-01-01T00:01:00Z",
    };
    expect(phaseOf(row(status))).toEqual({
      phase: "Failed",
      message: "cannot create namespaces",
      nextRetryAt: "2030-01-01T00:01:00Z",
    });
  });
});
