// Whether a failed apply of a target's objects is the target's own problem, for an administrator
// to look at (the target becomes Failed), or a passing or cluster-wide one that a retry can fix.
import { explainKubernetesError } from "@/server/k8s/explain-error";
import type { TKubernetesError } from "@/server/k8s/kubernetes-error";

export interface TApplyFailure {
  /** Retry with backoff; otherwise the target is Failed. */
  retryable: boolean;
  /** In plain words, for the target's status. */
  message: string;
  retryAfterMs?: number;
}

export function classifyApplyFailure(error: TKubernetesError): TApplyFailure {
  const explained = explainKubernetesError(error.cause);
  const retryAfterSeconds = error.retryAfterSeconds ?? explained.retryAfterSeconds;
  return {
    // No answer at all (refused, reset, a TLS failure) and a rejected token (401) are about the
    // cluster, not this target: its status says so and the target recovers with it. A refusal of
    // this target's objects (403, 422…) will not change by retrying. 409, 429, 5xx pass.
    retryable: error.status === undefined || error.status === 401 || explained.retryable,
    message: explained.message,
    ...(retryAfterSeconds !== undefined ? { retryAfterMs: retryAfterSeconds * 1000 } : {}),
  };
}
