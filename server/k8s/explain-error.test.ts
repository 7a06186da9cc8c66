import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { explainKubernetesError, KubernetesTimeoutError } from "./explain-error";

const systemError = (code: string, message = `failed, reason: ${code}`) =>
  Object.assign(new Error(message), { code });

describe("explainKubernetesError", () => {
  it("puts TLS and socket errors in plain words", () => {
    expect(explainKubernetesError(systemError("UNABLE_TO_VERIFY_LEAF_SIGNATURE"))).toEqual({
      reason: "CertificateUnknownAuthority",
      message: "certificate signed by unknown authority: check the CA bundle",
      retryable: false,
    });
    expect(explainKubernetesError(systemError("ECONNREFUSED"))).toEqual({
      reason: "Unreachable",
      message: "unreachable: connection refused",
      retryable: true,
    });
    expect(explainKubernetesError(new KubernetesTimeoutError(10)).reason).toBe("Unreachable");
  });

  it("reads the Status body of an API error", () => {
    const body = JSON.stringify({
      kind: "Status",
      reason: "Forbidden",
      message: 'namespaces is forbidden: User "ro" cannot create resource "namespaces"',
    });
    expect(explainKubernetesError(new ApiException(403, "x", body, {}))).toEqual({
      reason: "Forbidden",
      status: 403,
      retryable: false,
      message: '403: namespaces is forbidden: User "ro" cannot create resource "namespaces"',
    });
    expect(explainKubernetesError(new ApiException(401, "x", undefined, {}))).toMatchObject({
      reason: "Unauthorized",
      message: "401: the token was rejected (Unauthorized)",
    });
    expect(explainKubernetesError(new ApiException(503, "x", "", {}))).toMatchObject({
      reason: "ServerError",
      retryable: true,
    });
  });

  it("honours Retry-After on 429", () => {
    const error = new ApiException(
      429,
      "x",
      { reason: "TooManyRequests", message: "slow down" },
      {
        "Retry-After": "2",
      },
    );
    expect(explainKubernetesError(error)).toEqual({
      reason: "TooManyRequests",
      status: 429,
      retryable: true,
      retryAfterSeconds: 2,
      message: "429: slow down",
    });
  });
});
