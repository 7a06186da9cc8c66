// Every failure leaves the server as a metav1.Status, because client code branches on
// `code`/`reason` (and client-node surfaces the body verbatim in ApiException).

/** metav1.StatusCause: its Type field is serialised as `reason`. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return statusObject(this.code, this.reason, this.message, this.details);
  }
}

export function statusObject(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
): Record<string, unknown> {
  // An empty reason (StatusReasonUnknown) is omitted on the wire, as Go's omitempty does.
  const status: Record<string, unknown> = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    ...(reason ? { reason } : {}),
    code,
  };
  if (details) status.details = details;
  return status;
}

export function successStatus(details: StatusDetails): Record<string, unknown> {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details };
}

function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export const errors = {
  notFound: (resource: string, group: string, name: string) =>
    new ApiError(404, "NotFound", `${qualified(resource, group)} "${name}" not found`, {
      name,
      group,
      kind: resource,
    }),
  alreadyExists: (resource: string, group: string, name: string) =>
    new ApiError(409, "AlreadyExists", `${qualified(resource, group)} "${name}" already exists`, {
      name,
      group,
      kind: resource,
    }),
  conflict: (resource: string, group: string, name: string, detail: string) =>
    new ApiError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${detail}`,
      {
        name,
        group,
        kind: resource,
      },
    ),
  badRequest: (message: string) => new ApiError(400, "BadRequest", message),
  /** An unknown resource or subresource under a served group/version (discovery misses are plain text). */
  resourceNotFound: () =>
    new ApiError(404, "NotFound", "the server could not find the requested resource", {}),
  methodNotAllowed: () =>
    new ApiError(
      405,
      "MethodNotAllowed",
      "the server does not allow this method on the requested resource",
    ),
  /** What apiserver's limitedReadBody answers past --max-request-body-bytes (3 MiB by default). */
  requestEntityTooLarge: (limit: number) =>
    new ApiError(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit}`),
  unsupportedMediaType: (contentType: string) =>
    new ApiError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got ${contentType})`,
    ),
  unauthorized: () => new ApiError(401, "Unauthorized", "Unauthorized"),
  forbidden: (message: string, details?: StatusDetails) =>
    new ApiError(403, "Forbidden", message, details),
  /** JSON-patch application failures; the apiserver answers 422 with reason Invalid. */
  unprocessable: (message: string) => new ApiError(422, "Invalid", message),
  internal: (message: string) =>
    new ApiError(500, "InternalError", `Internal error occurred: ${message}`),
  /** Field errors in the shape apimachinery's field.ErrorList produces. */
  invalid: (
    kindQualified: string,
    kind: string,
    group: string,
    name: string,
    causes: StatusCause[],
  ) => {
    const parts = causes.map((c) =>
      c.field ? `${c.field}: ${c.message ?? ""}` : (c.message ?? ""),
    );
    const joined = parts.length === 1 ? parts[0] : `[${parts.join(", ")}]`;
    return new ApiError(422, "Invalid", `${kindQualified} "${name}" is invalid: ${joined}`, {
      name,
      group,
      kind,
      causes,
    });
  },
};
