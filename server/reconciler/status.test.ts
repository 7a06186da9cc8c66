import { describe, expect, it } from "vitest";
import { EMPTY_STATUS, findCondition, isReady } from "@/lib/conditions";
import { nextStatus, statusChanged } from "./status";

const t0 = new Date("2026-01-01T00:00:00Z");
const t1 = new Date("2026-01-01T00:01:00Z");
const ready = { kind: "ready", reason: "Applied", message: "7 objects applied" } as const;

describe("nextStatus", () => {
  it("is Ready, not Reconciling, not Stalled after a good pass, for the row's generation", () => {
    const status = nextStatus(EMPTY_STATUS, 3, ready, t0);
    expect(isReady(status, 3)).toBe(true);
    expect(findCondition(status, "Reconciling")?.status).toBe("False");
    expect(findCondition(status, "Stalled")?.status).toBe("False");
    expect(status.observedGeneration).toBe(3);
    expect(status.lastError).toBeUndefined();
  });

  it("changes nothing when a pass finds what the last one did, so nothing is written", () => {
    const first = nextStatus(EMPTY_STATUS, 1, ready, t0);
    const second = nextStatus(first, 1, ready, t1);
    expect(statusChanged(first, second)).toBe(false);
    expect(second).toEqual(first);
  });

  it("sees no change in a status read back with its keys in another order (jsonb)", () => {
    const first = nextStatus(EMPTY_STATUS, 1, ready, t0);
    const reordered = JSON.parse(
      JSON.stringify(first, (_k, v: unknown) =>
        v && typeof v === "object" && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).reverse())
          : v,
      ),
    ) as typeof first;
    expect(statusChanged(reordered, nextStatus(reordered, 1, ready, t1))).toBe(false);
    expect(nextStatus(reordered, 1, ready, t1).lastReconciledAt).toBe(first.lastReconciledAt);
  });

  it("is Ready=False and Reconciling with the error and next retry after a failure", () => {
    const good = nextStatus(EMPTY_STATUS, 1, ready, t0);
    const failed = nextStatus(
      good,
      1,
      { kind: "failed", reason: "ServerError", message: "500: boom", nextRetryAt: t1 },
      t1,
    );
    expect(isReady(failed, 1)).toBe(false);
    expect(findCondition(failed, "Ready")).toMatchObject({
      status: "False",
      reason: "ServerError",
      lastTransitionTime: t1.toISOString(),
    });
    expect(findCondition(failed, "Reconciling")?.status).toBe("True");
    expect(failed.lastError).toBe("500: boom");
    expect(failed.nextRetryAt).toBe(t1.toISOString());
  });

  it("is Stalled without a retry time when retrying cannot help", () => {
    const stalled = nextStatus(
      EMPTY_STATUS,
      2,
      { kind: "stalled", reason: "NamespaceNotManaged", message: "namespace exists" },
      t0,
    );
    expect(findCondition(stalled, "Stalled")?.status).toBe("True");
    expect(findCondition(stalled, "Reconciling")?.status).toBe("False");
    expect(stalled.nextRetryAt).toBeUndefined();
  });

  it("is not Ready for a newer generation than it observed", () => {
    const status = nextStatus(EMPTY_STATUS, 1, ready, t0);
    expect(isReady(status, 2)).toBe(false);
  });
});
