// The OpenAPI documents kube-apiserver publishes, for the kinds this server serves:
// `/openapi/v3` (an index of group-versions with hashed `serverRelativeURL`s),
// `/openapi/v3/api/v1` and `/openapi/v3/apis/<group>/<version>` (paths + component schemas),
// and `/openapi/v2` (one Swagger 2.0 document). kubectl reads them for `explain`, for
// client-side validation, and to learn that PATCH supports `fieldValidation` (server-side
// field validation) before `apply`.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ResourceType, type Registry } from "../registry.js";
import { VERSION_INFO } from "../http-server.js";
import { crdSchemaName, crdSchemas } from "./crd-schemas.js";
import { type Operation, resourceOperations } from "./operations.js";

type Schema = Record<string, unknown>;

const BUILTIN: Record<string, Schema> = (
  JSON.parse(readFileSync(join(import.meta.dirname, "builtin-schemas.json"), "utf8")) as {
    schemas: Record<string, Schema>;
  }
).schemas;

const V3_REF = "#/components/schemas/";
const SHARED = [
  "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
  "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions",
  "io.k8s.apimachinery.pkg.apis.meta.v1.Patch",
];

function builtinSchemaName(group: string, version: string, kind: string): string | undefined {
  return Object.keys(BUILTIN).find((n) =>
    ((BUILTIN[n]?.["x-kubernetes-group-version-kind"] as Schema[] | undefined) ?? []).some(
      (g) => g.group === group && g.version === version && g.kind === kind,
    ),
  );
}

/** `name` plus every built-in schema it references. */
function withReferences(names: string[], pool: Record<string, Schema>): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const visit = (name: string) => {
    const s = pool[name] ?? BUILTIN[name];
    if (!s || out[name]) return;
    out[name] = s;
    JSON.stringify(s, (key, value: unknown) => {
      if (key === "$ref" && typeof value === "string" && value.startsWith(V3_REF))
        visit(value.slice(V3_REF.length));
      return value;
    });
  };
  for (const n of names) visit(n);
  return out;
}

interface GroupVersionContent {
  paths: Record<string, Record<string, Operation | unknown[]>>;
  schemas: Record<string, Schema>;
}

function groupVersionContent(types: ResourceType[], version: string): GroupVersionContent {
  const paths: GroupVersionContent["paths"] = {};
  const roots: string[] = [...SHARED];
  const crdPool: Record<string, Schema> = {};
  for (const t of types) {
    let kindSchema: string | undefined;
    let listSchema: string | undefined;
    if (t.builtin) {
      kindSchema = builtinSchemaName(t.group, version, t.kind);
      listSchema = builtinSchemaName(t.group, version, t.listKind);
    } else {
      Object.assign(crdPool, crdSchemas(t, version));
      kindSchema = crdSchemaName(t.group, version, t.kind);
      listSchema = crdSchemaName(t.group, version, t.listKind);
    }
    if (!kindSchema) continue;
    roots.push(kindSchema, ...(listSchema ? [listSchema] : []));
    const tokenRequest = t.extraSubresources.some((s) => s.kind === "TokenRequest");
    if (tokenRequest) roots.push("io.k8s.api.authentication.v1.TokenRequest");
    Object.assign(paths, resourceOperations(t, version, kindSchema, listSchema));
  }
  return { paths, schemas: withReferences(roots, crdPool) };
}

function groupVersions(
  registry: Registry,
): Map<string, { types: ResourceType[]; version: string }> {
  const out = new Map<string, { types: ResourceType[]; version: string }>();
  for (const t of registry.all()) {
    for (const v of t.versions) {
      const key = t.group ? `apis/${t.group}/${v}` : `api/${v}`;
      const entry = out.get(key) ?? { types: [], version: v };
      entry.types.push(t);
      out.set(key, entry);
    }
  }
  return out;
}

const info = () => ({ title: "Kubernetes", version: VERSION_INFO.gitVersion });

/** The `/openapi/v3/<key>` document, e.g. key `api/v1` or `apis/argoproj.io/v1alpha1`. */
export function openApiV3Document(registry: Registry, key: string): Schema | undefined {
  const gv = groupVersions(registry).get(key);
  if (!gv) return undefined;
  const { paths, schemas } = groupVersionContent(gv.types, gv.version);
  return {
    openapi: "3.0.0",
    info: info(),
    paths,
    components: {
      schemas,
      securitySchemes: { BearerToken: { type: "apiKey", name: "authorization", in: "header" } },
    },
  };
}

export function documentHash(doc: unknown): string {
  return createHash("sha512").update(JSON.stringify(doc)).digest("hex").toUpperCase();
}

/** The `/openapi/v3` index: one entry per served group-version, its URL carrying the content hash. */
export function openApiV3Index(registry: Registry): Schema {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const key of [...groupVersions(registry).keys()].sort()) {
    const doc = openApiV3Document(registry, key);
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${documentHash(doc)}` };
  }
  return { paths };
}

/** The whole API as one Swagger 2.0 document (`/openapi/v2`). */
export function openApiV2Document(registry: Registry): Schema {
  const paths: Record<string, unknown> = {};
  const definitions: Record<string, Schema> = {};
  for (const gv of groupVersions(registry).values()) {
    const content = groupVersionContent(gv.types, gv.version);
    Object.assign(paths, content.paths);
    Object.assign(definitions, content.schemas);
  }
  const v2 = JSON.parse(
    JSON.stringify({ paths, definitions }, (key, value: unknown) => {
      if (key === "$ref" && typeof value === "string")
        return value.replace(V3_REF, "#/definitions/");
      return value;
    }),
  ) as { paths: Record<string, Record<string, unknown>>; definitions: Record<string, Schema> };
  return {
    swagger: "2.0",
    info: info(),
    paths: Object.fromEntries(Object.entries(v2.paths).map(([p, item]) => [p, v2PathItem(item)])),
    definitions: v2.definitions,
    securityDefinitions: { BearerToken: { type: "apiKey", name: "authorization", in: "header" } },
    security: [{ BearerToken: [] }],
  };
}

/** Swagger 2.0 keeps parameter types and response schemas inline rather than under `schema`/`content`. */
function v2PathItem(item: Record<string, unknown>): Record<string, unknown> {
  const param = (p: Schema) => {
    const { schema, ...rest } = p;
    return p.in === "body" ? p : { ...rest, ...(schema as Schema) };
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (k === "parameters") {
      out[k] = (v as Schema[]).map(param);
      continue;
    }
    const { requestBody, responses, parameters, ...op } = v as Schema;
    const bodySchema = (
      requestBody as { content?: Record<string, { schema: unknown }> } | undefined
    )?.content;
    out[k] = {
      ...op,
      consumes: ["application/json", "application/yaml"],
      produces: ["application/json", "application/yaml"],
      parameters: [
        ...((parameters as Schema[] | undefined) ?? []).map(param),
        ...(bodySchema
          ? [
              {
                name: "body",
                in: "body",
                required: true,
                schema: Object.values(bodySchema)[0]?.schema,
              },
            ]
          : []),
      ],
      responses: Object.fromEntries(
        Object.entries((responses as Record<string, Schema>) ?? {}).map(([code, r]) => [
          code,
          {
            description: r.description,
            schema: Object.values((r.content as Record<string, { schema: unknown }>) ?? {})[0]
              ?.schema,
          },
        ]),
      ),
    };
  }
  return out;
}
