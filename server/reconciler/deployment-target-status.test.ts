import { describe, expect, it } from "vitest";
import { EMPTY_STATUS } from "@/lib/conditions";
import { nextStatus, sameConditions } from "./deployment-target-status";

const t0 = new Date("2025-01-01T00:00:00Z");
const t1 = new Date("2025-01-01T01:00:00Z");

describe("nextStatus", () => {
  it("is Ready, Reconciling or Stalled as the verdict says, for the generation", () => {
    const ready = nextStatus(EMPTY_STATUS, 3, { ready: true, reason: "Bound", message: "ok" }, t0);
    expect(ready.conditions.map((c) => [c.type, c.status])).toEqual([
      ["Ready", "True"],
      ["Reconciling", "False"],
      ["Stalled", "False"],
    ]);
    expect(ready.observedGeneration).toBe(3);
    const stalled = nextStatus(
      ready,
      3,
      { ready: false, waiting: false, reason: "TargetLost", message: "gone" },
      t1,
    );
    expect(stalled.conditions.map((c) => c.status)).toEqual(["False", "False", "True"]);
    expect(stalled.lastError).toBe("gone");
    // Reconciling stayed False: its transition time is kept.
    expect(stalled.conditions[1]?.lastTransitionTime).toBe(t0.toISOString());
  });
});

describe("sameConditions", () => {
  it("ignores when a pass ran and the key order jsonb hands back", () => {
    const verdict = { ready: true as const, reason: "Bound", message: "ok" };
    const first = nextStatus(EMPTY_STATUS, 1, verdict, t0);
    const again = nextStatus(first, 1, verdict, t1);
    const reordered = JSON.parse(
      JSON.stringify({
        ...first,
        conditions: first.conditions.map(({ message, ...rest }) => ({ message, ...rest })),
      }),
    ) as typeof first;
    expect(sameConditions(reordered, again)).toBe(true);
    expect(sameConditions(first, nextStatus(first, 2, verdict, t1))).toBe(false);
  });
});
