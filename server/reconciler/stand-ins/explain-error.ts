// stand-in until clusters lands (server/k8s/explain-error.ts)
import { ApiException } from "@kubernetes/client-node";

export interface TExplainedError {
  reason: string;
  message: string;
  retryable: boolean;
  retryAfterSeconds?: number;
  status?: number;
}

const REASONS: Record<number, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  422: "Invalid",
  429: "TooManyRequests",
};

export function explainKubernetesError(error: unknown): TExplainedError {
  if (error instanceof ApiException) {
    const status = error.code;
    const reason = REASONS[status] ?? (status >= 500 ? "ServerError" : "Failed");
    let message = String(error.message);
    try {
      const body = (typeof error.body === "string" ? JSON.parse(error.body) : error.body) as {
        message?: string;
      };
      if (body?.message) message = body.message;
    } catch {
      // Not JSON: keep the exception's message.
    }
    const retryAfter = Number(error.headers?.["retry-after"]);
    return {
      reason,
      message: `${status}: ${message}`,
      retryable: status === 409 || status === 429 || status >= 500,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      status,
    };
  }
  const code = (error as { code?: string; cause?: { code?: string } } | null)?.code;
  const causeCode = (error as { cause?: { code?: string } } | null)?.cause?.code;
  if (
    [code, causeCode].some((c) => c === "ECONNREFUSED" || c === "ECONNRESET" || c === "ETIMEDOUT")
  ) {
    return {
      reason: "Unreachable",
      message: "the cluster's API server cannot be reached",
      retryable: true,
    };
  }
  return {
    reason: "Unreachable",
    message: error instanceof Error ? error.message : String(error),
    retryable: true,
  };
}
