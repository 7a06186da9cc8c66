// Routes /openapi/v2, /openapi/v3 and /openapi/v3/<api|apis/…> to their documents. They are
// served as JSON only: a client that accepts nothing but protobuf (kubectl's legacy
// `/openapi/v2` download asks for `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`)
// gets 406, as kube-apiserver answers for a media type it cannot produce.
import { type Registry } from "../registry.js";
import { assertAcceptsJson } from "../accept.js";
import { openApiV2Document, openApiV3Document, openApiV3Index } from "./documents.js";

/** The document at `path` (no trailing slash), undefined when there is none; 406 unless JSON is acceptable. */
export function openApiDocument(registry: Registry, path: string, accept: string): unknown {
  let doc: unknown;
  if (path === "/openapi/v2") doc = openApiV2Document(registry);
  else if (path === "/openapi/v3") doc = openApiV3Index(registry);
  else if (path.startsWith("/openapi/v3/"))
    doc = openApiV3Document(registry, path.slice("/openapi/v3/".length));
  if (doc !== undefined) assertAcceptsJson(accept);
  return doc;
}
