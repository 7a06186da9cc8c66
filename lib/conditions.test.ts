import { describe, expect, it } from "vitest";
import { isReady, setCondition, type TReconcileStatus } from "./conditions";

const t0 = new Date("2026-11-24T10:00:00Z");
const t1 = new Date("2026-11-24T10:05:00Z");

describe("setCondition", () => {
  it("keeps lastTransitionTime while the status holds and moves it when the status changes", () => {
    const first = setCondition(
      [],
      {
        type: "Ready",
        status: "False",
        reason: "ApplyFailed",
        message: "a",
        observedGeneration: 1,
      },
      t0,
    );
    const same = setCondition(
      first,
      {
        type: "Ready",
        status: "False",
        reason: "ApplyFailed",
        message: "b",
        observedGeneration: 2,
      },
      t1,
    );
    expect(same[0]).toMatchObject({ message: "b", lastTransitionTime: t0.toISOString() });
    const flipped = setCondition(
      same,
      { type: "Ready", status: "True", reason: "Applied", message: "", observedGeneration: 2 },
      t1,
    );
    expect(flipped[0]?.lastTransitionTime).toBe(t1.toISOString());
  });

  it("orders conditions Ready, Reconciling, Stalled", () => {
    const base = { status: "True" as const, reason: "R", message: "", observedGeneration: 1 };
    const list = setCondition(
      setCondition([], { ...base, type: "Stalled" }, t0),
      { ...base, type: "Ready" },
      t0,
    );
    expect(list.map((c) => c.type)).toEqual(["Ready", "Stalled"]);
  });
});

describe("isReady", () => {
  it("is true only for a True Ready condition about the current generation", () => {
    const status: TReconcileStatus = {
      observedGeneration: 2,
      conditions: setCondition(
        [],
        { type: "Ready", status: "True", reason: "Applied", message: "", observedGeneration: 2 },
        t0,
      ),
    };
    expect(isReady(status, 2)).toBe(true);
    expect(isReady(status, 3)).toBe(false);
    expect(isReady(null, 1)).toBe(false);
  });
});
