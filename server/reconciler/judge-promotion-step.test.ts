import { describe, expect, it } from "vitest";
import {
  formatTimeout,
  judgePromotionStep,
  type TStepBinding,
  type TStepDeployment,
} from "./judge-promotion-step";

const SNAPSHOT = {
  id: "s2",
  name: "s2",
  images: [
    { name: "api", containerImage: "quay.io/team/api:s2" },
    { name: "web", containerImage: "quay.io/team/web:s2" },
  ],
};
const applied = (generation = 3): TStepBinding => ({
  snapshotId: "s2",
  generation,
  status: { conditions: [], observedGeneration: 3 },
  deletionRequestedAt: null,
});
const deployment = (name: string, values: Partial<TStepDeployment> = {}): TStepDeployment => ({
  componentName: name,
  syncStatus: "Synced",
  healthStatus: "Healthy",
  images: [`quay.io/team/${name}:s2`],
  revision: "0".repeat(40),
  conditions: [],
  manifest: { spec: { source: { targetRevision: "main", kustomize: {} } } },
  ...values,
});
const PINNED = "0123456789abcdef0123456789abcdef01234567";
/** A plain directory at PINNED: Argo CD reports its manifests' own image, never the snapshot's. */
const directory = (name: string, values: Partial<TStepDeployment> = {}) =>
  deployment(name, {
    images: [`quay.io/team/${name}:from-git`],
    revision: PINNED.toUpperCase(),
    manifest: { spec: { source: { targetRevision: PINNED, directory: {} } } },
    ...values,
  });
const judge = (deployments: TStepDeployment[], binding: TStepBinding = applied()) =>
  judgePromotionStep({ snapshot: SNAPSHOT, binding, deployments });

describe("judgePromotionStep", () => {
  it("succeeds when every component runs the snapshot's image Synced and Healthy", () => {
    expect(judge([deployment("api"), deployment("web")])).toStrictEqual({
      kind: "success",
      message: "2 of 2 components Synced and Healthy",
    });
  });

  it("waits while Argo CD still reports the previous snapshot's image, even Synced and Healthy", () => {
    expect(
      judge([deployment("api"), deployment("web", { images: ["quay.io/team/web:s1"] })]),
    ).toStrictEqual({
      kind: "wait",
      message: "waiting for Argo CD: 1 of 2 components run the snapshot Synced and Healthy",
    });
  });

  it("waits until the binding's pass has applied the new generation", () => {
    expect(judge([deployment("api"), deployment("web")], applied(4)).kind).toBe("wait");
  });

  it("ignores Degraded reported on the previous image, fails on the snapshot's", () => {
    const old = deployment("web", { images: ["quay.io/team/web:s1"], healthStatus: "Degraded" });
    expect(judge([deployment("api"), old]).kind).toBe("wait");
    expect(
      judge([deployment("api"), deployment("web", { healthStatus: "Degraded" })]),
    ).toStrictEqual({
      kind: "failure",
      message: "web is Degraded in Argo CD running quay.io/team/web:s2",
    });
  });

  it("judges a plain directory by the revision Argo CD synced, not by images", () => {
    expect(judge([deployment("api"), directory("web")])).toStrictEqual({
      kind: "success",
      message: "2 of 2 components Synced and Healthy",
    });
    expect(
      judge([deployment("api"), directory("web", { revision: "f".repeat(40) })]),
    ).toStrictEqual({
      kind: "wait",
      message: "waiting for Argo CD: 1 of 2 components run the snapshot Synced and Healthy",
    });
    expect(judge([deployment("api"), directory("web", { healthStatus: "Progressing" })]).kind).toBe(
      "wait",
    );
    // Degraded at another revision is what ran before; at the pinned one it is this promotion's.
    const before = directory("web", { revision: "f".repeat(40), healthStatus: "Degraded" });
    expect(judge([deployment("api"), before]).kind).toBe("wait");
    expect(
      judge([deployment("api"), directory("web", { healthStatus: "Degraded" })]),
    ).toStrictEqual({ kind: "failure", message: `web is Degraded in Argo CD running ${PINNED}` });
  });

  it("keeps judging kustomize and helm by the snapshot's image whatever revision synced", () => {
    expect(judge([deployment("api", { revision: null }), deployment("web")]).kind).toBe("success");
  });

  it("fails on SyncError and ComparisonError with Argo CD's message", () => {
    const error = deployment("api", {
      conditions: [{ type: "ComparisonError", message: "path does not exist" }],
    });
    expect(judge([error, deployment("web")])).toStrictEqual({
      kind: "failure",
      message: "api: ComparisonError: path does not exist",
    });
  });

  it("fails when the binding went or was pointed at another snapshot meanwhile", () => {
    expect(judgePromotionStep({ snapshot: SNAPSHOT, binding: null, deployments: [] }).kind).toBe(
      "failure",
    );
    expect(judge([], { ...applied(), snapshotId: "s3" })).toStrictEqual({
      kind: "failure",
      message: 'the binding was changed to another snapshot while the promotion of "s2" ran',
    });
  });

  it("fails with the binding's error when its reconcile is stalled", () => {
    const stalled = {
      ...applied(),
      status: {
        observedGeneration: 3,
        lastError: 'cluster "east" runs no Argo CD',
        conditions: [
          {
            type: "Stalled" as const,
            status: "True" as const,
            reason: "NoArgoCd",
            message: "x",
            observedGeneration: 3,
            lastTransitionTime: "2026-11-25T10:00:00Z",
          },
        ],
      },
    };
    expect(judge([], stalled)).toStrictEqual({
      kind: "failure",
      message: 'cluster "east" runs no Argo CD',
    });
  });
});

describe("formatTimeout", () => {
  it("reads minutes when whole, else seconds", () => {
    expect(formatTimeout(600)).toBe("10m");
    expect(formatTimeout(90)).toBe("90s");
  });
});
