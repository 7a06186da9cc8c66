import { describe, expect, it } from "vitest";
import type { TPassSyncRun } from "./load-binding-for-pass";
import { SYNC_RUN_INFO, syncRunStep, WAITING_MESSAGE } from "./sync-run-step";

const NOW = "2026-11-25T12:00:00.000Z";
const run: TPassSyncRun = {
  id: "run-1",
  componentName: "api",
  revisionId: "main",
  requestedByLabel: "olive",
  state: "Pending",
  message: "",
  operationPhase: null,
  cancelRequestedAt: null,
  startedAt: null,
  finishedAt: null,
};
const ours = { info: [{ name: SYNC_RUN_INFO, value: "run-1" }] };
const theirs = { info: [{ name: SYNC_RUN_INFO, value: "run-0" }] };
const state = (phase: string, operation = ours) => ({
  status: { operationState: { phase, operation, message: `${phase}!`, startedAt: NOW } },
});

describe("syncRunStep", () => {
  it("writes the operation once, then waits for Argo CD", () => {
    expect(syncRunStep(run, {}, NOW)).toMatchObject({
      action: "write",
      next: { state: "Pending", message: WAITING_MESSAGE },
    });
    expect(syncRunStep(run, { operation: ours }, NOW).action).toBe("none");
  });

  it("does not take an earlier run's finished operation state for its own", () => {
    expect(syncRunStep(run, state("Succeeded", theirs), NOW).action).toBe("write");
  });

  it("waits while someone else's operation is set", () => {
    expect(syncRunStep(run, { operation: theirs }, NOW)).toMatchObject({
      action: "none",
      next: { state: "Pending" },
    });
  });

  it("follows Argo CD's phases", () => {
    expect(syncRunStep(run, state("Running"), NOW).next).toMatchObject({
      state: "Running",
      operationPhase: "Running",
      startedAt: NOW,
    });
    expect(syncRunStep(run, state("Succeeded"), NOW).next.state).toBe("Succeeded");
    expect(syncRunStep(run, state("Failed"), NOW).next).toMatchObject({
      state: "Failed",
      message: "Failed!",
    });
    expect(syncRunStep(run, state("Error"), NOW).next.state).toBe("Failed");
  });

  it("terminates a running operation once, withdraws one not started, and ends Terminated", () => {
    const cancelled = { ...run, cancelRequestedAt: NOW };
    expect(syncRunStep(cancelled, state("Running"), NOW).action).toBe("terminate");
    expect(syncRunStep(cancelled, state("Terminating"), NOW).action).toBe("none");
    expect(syncRunStep(cancelled, state("Failed"), NOW).next.state).toBe("Terminated");
    expect(syncRunStep(cancelled, { operation: ours }, NOW)).toMatchObject({
      action: "withdraw",
      next: { state: "Terminated", message: "Cancelled before Argo CD started it." },
    });
    expect(syncRunStep(cancelled, {}, NOW).action).toBe("none");
  });
});
