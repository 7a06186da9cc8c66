import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { kubernetesErrorOf } from "@/server/k8s/kubernetes-error";
import { classifyApplyFailure } from "./target-apply-failure";

const answered = (status: number, headers: Record<string, string> = {}) =>
  kubernetesErrorOf(
    new ApiException(status, "refused", JSON.stringify({ message: "namespaces is forbidden" }), {
      ...headers,
    }),
  );

describe("classifyApplyFailure", () => {
  it.each([403, 422])("makes the target Failed on %i: retrying cannot fix it", (status) => {
    expect(classifyApplyFailure(answered(status))).toMatchObject({
      retryable: false,
      message: `${status}: namespaces is forbidden`,
    });
  });

  it.each([409, 500, 503, 401])("retries %i", (status) => {
    expect(classifyApplyFailure(answered(status)).retryable).toBe(true);
  });

  it("retries a 429 no sooner than its Retry-After", () => {
    expect(classifyApplyFailure(answered(429, { "retry-after": "3" }))).toMatchObject({
      retryable: true,
      retryAfterMs: 3000,
    });
  });

  it("retries when no answer came, even a TLS failure: that is the cluster's problem", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const untrusted = Object.assign(new Error("unable to verify"), {
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    expect(classifyApplyFailure(kubernetesErrorOf(refused))).toMatchObject({
      retryable: true,
      message: "unreachable: connection refused",
    });
    expect(classifyApplyFailure(kubernetesErrorOf(untrusted)).retryable).toBe(true);
  });
});
