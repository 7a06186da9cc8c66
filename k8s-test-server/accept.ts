// Response media types: the server writes JSON only (plus Tables, which are JSON). A client that
// accepts nothing JSON-compatible — e.g. protobuf only — gets 406 Not Acceptable, as
// kube-apiserver answers for a representation it cannot produce, rather than a body it cannot read.
import { ApiError } from "./status.js";

export function acceptsJson(accept: string): boolean {
  if (!accept.trim()) return true;
  return accept.split(",").some((range) => {
    const type = range.split(";")[0]?.trim().toLowerCase() ?? "";
    return type === "application/json" || type === "application/*" || type === "*/*";
  });
}

export function assertAcceptsJson(accept: string): void {
  if (!acceptsJson(accept))
    throw new ApiError(
      406,
      "NotAcceptable",
      "only the following media types are accepted: application/json",
    );
}
