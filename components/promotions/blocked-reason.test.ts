import { describe, expect, it } from "vitest";
import { EMPTY_STATUS, type TReconcileStatus } from "@/lib/conditions";
import { promoteBlockedReason, type TEnvironmentConnection } from "./blocked-reason";

const ready: TReconcileStatus = {
  observedGeneration: 1,
  conditions: [
    {
      type: "Ready",
      status: "True",
      reason: "Applied",
      message: "applied",
      observedGeneration: 1,
      lastTransitionTime: "2026-11-25T10:00:00.000Z",
    },
  ],
};
const env = (status: TReconcileStatus, deletionRequestedAt: Date | null = null) => ({
  displayName: "Prod",
  status,
  generation: 1,
  deletionRequestedAt,
});

describe("promoteBlockedReason", () => {
  it("offers promotion into a Ready environment with no run in progress", () => {
    expect(promoteBlockedReason(env(ready), null)).toBeNull();
  });

  it("says the environment is not Ready, with the reconciler's error when it failed", () => {
    expect(promoteBlockedReason(env(EMPTY_STATUS), null)).toBe("Prod is not Ready (Pending).");
    expect(
      promoteBlockedReason(env({ ...EMPTY_STATUS, lastError: "cluster unreachable" }), null),
    ).toBe("Prod is not Ready (Failed: cluster unreachable).");
    expect(promoteBlockedReason(env(ready, new Date()), null)).toBe(
      "Prod is not Ready (Deleting).",
    );
  });

  it("says a run is in progress when the environment is Ready", () => {
    expect(promoteBlockedReason(env(ready), { id: "run" })).toBe(
      "A promotion of this application is in progress; wait until it completes.",
    );
  });

  it("refuses up front where the person must (re)connect, and offers it where Slipway can act", () => {
    const on = (status: TEnvironmentConnection["status"]): TEnvironmentConnection => ({
      environment: "prod",
      cluster: { name: "east", displayName: "East" },
      status,
    });
    expect(promoteBlockedReason(env(ready), null, on({ kind: "not-connected" }))).toBe(
      "Promotions into Prod run as you on cluster East: connect your account there first.",
    );
    expect(
      promoteBlockedReason(
        env(ready),
        null,
        on({ kind: "reconnect-needed", username: "ann", reason: "the refresh token was revoked" }),
      ),
    ).toBe("Reconnect your account to cluster East: the refresh token was revoked.");
    expect(promoteBlockedReason(env(ready), null, on({ kind: "not-configured" }))).toBeNull();
    const connected = on({
      kind: "connected",
      username: "ann",
      groups: [],
      expiresAt: new Date(),
      lastUsedAt: null,
      renewable: true,
      boundAsOtherName: null,
    });
    expect(promoteBlockedReason(env(ready), null, connected)).toBeNull();
  });

  it("names a cluster registered without a display name by its name", () => {
    const nameless: TEnvironmentConnection = {
      environment: "prod",
      cluster: { name: "east", displayName: "" },
      status: { kind: "not-connected" },
    };
    expect(promoteBlockedReason(env(ready), null, nameless)).toBe(
      "Promotions into Prod run as you on cluster east: connect your account there first.",
    );
  });
});
