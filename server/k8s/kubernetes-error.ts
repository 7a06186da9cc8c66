// The facts a caller needs from a failed Kubernetes request to decide whether and when to retry:
// HTTP status, the Status reason, its message and a 429's Retry-After. The raw error stays in
// `cause` for explainKubernetesError (plain-words messages for people).
import { ApiException } from "@kubernetes/client-node";

export interface TKubernetesError {
  /** Absent when no HTTP answer came (refused connection, TLS failure…). */
  status?: number;
  /** The Status object's reason, e.g. "Conflict", "TooManyRequests". */
  reason?: string;
  message: string;
  retryAfterSeconds?: number;
  cause: unknown;
}

export function kubernetesErrorOf(error: unknown): TKubernetesError {
  if (error instanceof ApiException) {
    // KubernetesObjectApi leaves the body as text; the generated clients parse it.
    const body: unknown = error.body;
    const parsed = typeof body === "string" ? parseJson(body) : body;
    const status = isStatusBody(parsed) ? parsed : {};
    const retryAfter = Number(error.headers["retry-after"]);
    return {
      status: error.code,
      ...(status.reason ? { reason: status.reason } : {}),
      message: status.message ?? (typeof body === "string" && body !== "" ? body : error.message),
      ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
      cause: error,
    };
  }
  return { message: error instanceof Error ? error.message : String(error), cause: error };
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isStatusBody(body: unknown): body is { reason?: string; message?: string } {
  return typeof body === "object" && body !== null;
}
