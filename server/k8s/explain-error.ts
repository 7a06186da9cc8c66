// Turns what client-node throws (ApiException with a Status body, or a socket/TLS error from the
// fetch underneath) into a reason, plain words for people and whether trying again may help.
export interface TExplainedError {
  /** PascalCase: "Unauthorized", "CertificateUnknownAuthority", "Unreachable"... */
  reason: string;
  message: string;
  retryable: boolean;
  retryAfterSeconds?: number;
  status?: number;
}

/** Thrown by Slipway when a cluster does not answer in time (client-node has no timeout). */
export class KubernetesTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`the API server did not answer within ${seconds} s`);
    this.name = "KubernetesTimeoutError";
  }
}

const UNKNOWN_AUTHORITY = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
]);
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "connection timed out",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed",
};

const BY_STATUS: Record<number, [reason: string, retryable: boolean]> = {
  400: ["BadRequest", false],
  401: ["Unauthorized", false],
  403: ["Forbidden", false],
  404: ["NotFound", false],
  409: ["Conflict", true],
  410: ["Expired", true],
  413: ["RequestEntityTooLarge", false],
  415: ["UnsupportedMediaType", false],
  422: ["Invalid", false],
  429: ["TooManyRequests", true],
};

type TStatusBody = { message?: unknown; reason?: unknown };

function statusBody(body: unknown): TStatusBody {
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as TStatusBody;
    } catch {
      return { message: body.trim() || undefined };
    }
  }
  return typeof body === "object" && body !== null ? body : {};
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>))
    if (key.toLowerCase() === name) return typeof value === "string" ? value : undefined;
  return undefined;
}

function fromStatus(status: number, body: unknown, headers: unknown): TExplainedError {
  const parsed = statusBody(body);
  const serverMessage = typeof parsed.message === "string" ? parsed.message : undefined;
  const [reason, retryable] =
    BY_STATUS[status] ?? (status >= 500 ? ["ServerError", true] : ["Unknown", false]);
  if (status === 401)
    return { reason, retryable, status, message: "401: the token was rejected (Unauthorized)" };
  const explained: TExplainedError = {
    reason:
      typeof parsed.reason === "string" && parsed.reason && status !== 500 ? parsed.reason : reason,
    retryable,
    status,
    message: serverMessage ? `${status}: ${serverMessage}` : `${status}: ${reason}`,
  };
  if (status === 429) {
    const seconds = Number(headerValue(headers, "retry-after"));
    if (Number.isFinite(seconds) && seconds >= 0) explained.retryAfterSeconds = seconds;
  }
  return explained;
}

export function explainKubernetesError(error: unknown): TExplainedError {
  if (error instanceof KubernetesTimeoutError)
    return { reason: "Unreachable", retryable: true, message: `unreachable: ${error.message}` };
  const e = (error ?? {}) as {
    code?: unknown;
    body?: unknown;
    headers?: unknown;
    message?: unknown;
  };
  if (typeof e.code === "number" && e.code >= 100 && e.code < 600)
    return fromStatus(e.code, e.body, e.headers);
  const code = typeof e.code === "string" ? e.code : "";
  const text = typeof e.message === "string" ? e.message : String(error);
  if (UNKNOWN_AUTHORITY.has(code))
    return {
      reason: "CertificateUnknownAuthority",
      retryable: false,
      message: "certificate signed by unknown authority: check the CA bundle",
    };
  if (code === "CERT_HAS_EXPIRED")
    return {
      reason: "CertificateExpired",
      retryable: false,
      message: "the server's certificate has expired",
    };
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID")
    return {
      reason: "CertificateNameMismatch",
      retryable: false,
      message: "the server's certificate is not valid for this API URL's host name",
    };
  const unreachable = UNREACHABLE[code];
  if (unreachable)
    return { reason: "Unreachable", retryable: true, message: `unreachable: ${unreachable}` };
  if (/wrong version number|EPROTO|ssl3_get_record/i.test(`${code} ${text}`))
    return {
      reason: "TLSHandshakeFailed",
      retryable: false,
      message: "the TLS handshake failed: is the API URL an https endpoint?",
    };
  if (/socket hang up/i.test(text))
    return { reason: "Unreachable", retryable: true, message: "unreachable: connection closed" };
  return { reason: "Unknown", retryable: true, message: text.split("\n")[0] ?? "unknown error" };
}
