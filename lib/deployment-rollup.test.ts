import { describe, expect, it } from "vitest";
import { rollUp } from "./deployment-rollup";

const c = (syncStatus: string | null, healthStatus: string | null) => ({
  syncStatus,
  healthStatus,
});

describe("rollUp", () => {
  it("is Synced and Healthy, and settled, only when every component is", () => {
    expect(rollUp([c("Synced", "Healthy"), c("Synced", "Healthy")])).toEqual({
      sync: "Synced",
      health: "Healthy",
      settled: true,
    });
    expect(rollUp([c("Synced", "Healthy"), c("OutOfSync", "Healthy")])).toEqual({
      sync: "OutOfSync",
      health: "Healthy",
      settled: false,
    });
  });

  it("reports the worst health among the components", () => {
    expect(rollUp([c("Synced", "Progressing"), c("Synced", "Degraded")]).health).toBe("Degraded");
    expect(rollUp([c("Synced", "Healthy"), c("Synced", "Progressing")]).health).toBe("Progressing");
  });

  it("says Not reported for a component Argo CD has not reported on, and for no components", () => {
    expect(rollUp([c(null, null), c("Synced", "Healthy")])).toEqual({
      sync: "Not reported",
      health: "Not reported",
      settled: false,
    });
    expect(rollUp([]).settled).toBe(false);
  });
});
