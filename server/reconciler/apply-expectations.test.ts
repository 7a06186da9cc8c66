import type { KubernetesObject } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { ApplyExpectations } from "./apply-expectations";

const owner = "environment/e1" as const;
const quota = {
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "q", namespace: "ns", labels: { a: "1" } },
  spec: { hard: { pods: "10" } },
};
const id = "v1|ResourceQuota|ns|q";
/** The quota as a watch delivers it after the apply: the server's own fields added. */
const echoed = (hard: Record<string, string>): KubernetesObject =>
  ({
    ...quota,
    metadata: { ...quota.metadata, uid: "u1", resourceVersion: "8" },
    spec: { hard },
  }) as KubernetesObject;

describe("ApplyExpectations", () => {
  it("recognises the echo of an owner's own apply, with fields the server added", () => {
    const expectations = new ApplyExpectations();
    expectations.expect(owner, [quota]);
    expect(expectations.satisfiedBy(owner, id, echoed({ pods: "10" }))).toBe(true);
  });

  it("does not take someone else's edit of an applied field for an echo", () => {
    const expectations = new ApplyExpectations();
    expectations.expect(owner, [quota]);
    expect(expectations.satisfiedBy(owner, id, echoed({ pods: "99" }))).toBe(false);
  });

  it("knows nothing of objects the owner did not apply, other owners, or after forget", () => {
    const expectations = new ApplyExpectations();
    expectations.expect(owner, [quota]);
    expect(expectations.satisfiedBy(owner, "v1|ConfigMap|ns|extra", echoed({ pods: "10" }))).toBe(
      false,
    );
    expect(expectations.satisfiedBy("environment/e2", id, echoed({ pods: "10" }))).toBe(false);
    expectations.forget(owner);
    expect(expectations.satisfiedBy(owner, id, echoed({ pods: "10" }))).toBe(false);
  });
});
