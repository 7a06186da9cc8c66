// OpenAPI v3 path items for one served resource, shaped like kube-apiserver's: every operation
// names its kind in `x-kubernetes-group-version-kind` and its verb in `x-kubernetes-action`, and
// writes list the `fieldValidation`/`fieldManager`/`dryRun` query parameters. kubectl looks for
// `fieldValidation` on the PATCH operation of a kind to decide it may rely on server-side
// field validation (`kubectl apply` without `--validate=false`).
import { type ResourceType } from "../registry.js";

export type Operation = Record<string, unknown>;
type Param = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";

const query = (name: string, description: string, type = "string"): Param => ({
  name,
  in: "query",
  description,
  schema: { type },
  uniqueItems: true,
});
const pathParam = (name: string, description: string): Param => ({
  name,
  in: "path",
  description,
  required: true,
  schema: { type: "string" },
  uniqueItems: true,
});

const DRY_RUN = query(
  "dryRun",
  "When present, indicates that modifications should not be persisted.",
);
const FIELD_MANAGER = query(
  "fieldManager",
  "fieldManager is a name associated with the actor or entity that is making these changes.",
);
const FIELD_VALIDATION = query(
  "fieldValidation",
  "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.",
);
const FORCE = query("force", 'Force is going to "force" Apply requests.', "boolean");
const LIST_PARAMS = [
  query("labelSelector", "A selector to restrict the list of returned objects by their labels."),
  query("fieldSelector", "A selector to restrict the list of returned objects by their fields."),
  query("limit", "limit is a maximum number of responses to return for a list call.", "integer"),
  query(
    "continue",
    "The continue option should be set when retrieving more results from the server.",
  ),
  query(
    "resourceVersion",
    "resourceVersion sets a constraint on what resource versions a request may be served from.",
  ),
  query("watch", "Watch for changes to the described resources.", "boolean"),
];
const PATCH_TYPES = [
  "application/apply-patch+yaml",
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
];

function jsonContent(schema: unknown) {
  return {
    "application/json": { schema },
    "application/yaml": { schema },
  };
}

export function resourceOperations(
  t: ResourceType,
  version: string,
  kindSchema: string,
  listSchema: string | undefined,
): Record<string, Record<string, Operation | Param[]>> {
  const gvk = { group: t.group, version, kind: t.kind };
  const prefix = t.group ? `/apis/${t.group}/${version}` : `/api/${version}`;
  const collection = t.namespaced
    ? `${prefix}/namespaces/{namespace}/${t.plural}`
    : `${prefix}/${t.plural}`;
  const scopeParams = t.namespaced
    ? [pathParam("namespace", "object name and auth scope, such as for teams and projects")]
    : [];
  const nameParam = pathParam("name", `name of the ${t.kind}`);
  const op = (action: string, verbId: string, extra: Operation): Operation => ({
    description: `${action} ${t.kind}`,
    operationId: `${verbId}${t.namespaced ? "Namespaced" : ""}${t.kind}`,
    tags: [t.group ? `${t.group.split(".")[0]}_${version}` : `core_${version}`],
    responses: {
      "200": { description: "OK", content: jsonContent(ref(kindSchema)) },
      "401": { description: "Unauthorized" },
    },
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": gvk,
    ...extra,
  });
  const write = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
  const paths: Record<string, Record<string, Operation | Param[]>> = {};

  if (t.virtual) {
    paths[collection] = {
      post: op("post", "create", {
        parameters: write,
        requestBody: { content: jsonContent(ref(kindSchema)), required: true },
      }),
      parameters: scopeParams,
    };
    return paths;
  }
  const has = (verb: string) => t.verbs.includes(verb);
  const coll: Record<string, Operation | Param[]> = { parameters: scopeParams };
  if (has("list") && listSchema)
    coll.get = op("list", "list", {
      parameters: LIST_PARAMS,
      responses: { "200": { description: "OK", content: jsonContent(ref(listSchema)) } },
    });
  if (has("create"))
    coll.post = op("post", "create", {
      parameters: write,
      requestBody: { content: jsonContent(ref(kindSchema)), required: true },
    });
  if (has("deletecollection"))
    coll.delete = op("deletecollection", "deleteCollection", {
      parameters: [...LIST_PARAMS, DRY_RUN],
      responses: { "200": { description: "OK", content: jsonContent(ref(STATUS)) } },
    });
  paths[collection] = coll;

  const item = (path: string, sub: string) => {
    const entry: Record<string, Operation | Param[]> = { parameters: [nameParam, ...scopeParams] };
    const suffix = sub ? "Status" : "";
    entry.get = op("get", `read${suffix}`, {});
    if (has("update") || sub)
      entry.put = op("put", `replace${suffix}`, {
        parameters: write,
        requestBody: { content: jsonContent(ref(kindSchema)), required: true },
      });
    if (has("patch") || sub)
      entry.patch = op("patch", `patch${suffix}`, {
        parameters: [...write, FORCE],
        requestBody: {
          content: Object.fromEntries(
            PATCH_TYPES.map((m) => [
              m,
              { schema: ref("io.k8s.apimachinery.pkg.apis.meta.v1.Patch") },
            ]),
          ),
          required: true,
        },
      });
    if (has("delete") && !sub)
      entry.delete = op("delete", "delete", {
        parameters: [
          DRY_RUN,
          query("propagationPolicy", "Whether and how garbage collection will be performed."),
        ],
        responses: { "200": { description: "OK", content: jsonContent(ref(STATUS)) } },
      });
    paths[path] = entry;
  };
  item(`${collection}/{name}`, "");
  if (t.statusSubresource) item(`${collection}/{name}/status`, "status");
  if (t.namespaced && has("list") && listSchema)
    paths[`${prefix}/${t.plural}`] = {
      get: op("list", "listForAllNamespaces", {
        parameters: LIST_PARAMS,
        operationId: `list${t.kind}ForAllNamespaces`,
        responses: { "200": { description: "OK", content: jsonContent(ref(listSchema)) } },
      }),
    };
  if (t.extraSubresources.some((s) => s.kind === "TokenRequest"))
    paths[`${collection}/{name}/token`] = {
      parameters: [nameParam, ...scopeParams],
      post: {
        ...op("post", "createToken", {
          parameters: write,
          requestBody: {
            content: jsonContent(ref("io.k8s.api.authentication.v1.TokenRequest")),
            required: true,
          },
        }),
        responses: {
          "200": {
            description: "OK",
            content: jsonContent(ref("io.k8s.api.authentication.v1.TokenRequest")),
          },
        },
        "x-kubernetes-group-version-kind": {
          group: "authentication.k8s.io",
          version: "v1",
          kind: "TokenRequest",
        },
      },
    };
  return paths;
}
