// Structural-schema validation, defaulting and pruning for custom resources, producing the
// field.ErrorList messages the apiserver produces (e.g. `spec.project in body must be of type string`).
import { isPlainObject, own, setOwn } from "./json.js";
import { type StatusCause } from "./status.js";

export interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: boolean | OpenApiSchema;
  items?: OpenApiSchema;
  required?: string[];
  enum?: unknown[];
  nullable?: boolean;
  default?: unknown;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-embedded-resource"?: boolean;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
  "x-kubernetes-map-type"?: "atomic" | "granular";
}

/** The list/map semantics of ObjectMeta that server-side apply depends on. */
export const OBJECT_META_SCHEMA: OpenApiSchema = {
  type: "object",
  properties: {
    labels: { type: "object", additionalProperties: { type: "string" } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
    finalizers: { type: "array", items: { type: "string" }, "x-kubernetes-list-type": "set" },
    ownerReferences: {
      type: "array",
      "x-kubernetes-list-type": "map",
      "x-kubernetes-list-map-keys": ["uid"],
      items: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
    },
  },
  "x-kubernetes-preserve-unknown-fields": true,
};

export function childSchema(
  schema: OpenApiSchema | undefined,
  key: string,
): OpenApiSchema | undefined {
  if (!schema) return undefined;
  const p = own(schema.properties, key) as OpenApiSchema | undefined;
  if (p) return p;
  if (isPlainObject(schema.additionalProperties)) return schema.additionalProperties;
  return undefined;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function quote(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
}

/**
 * Validates `value` in place and returns it pruned and defaulted. Errors are appended to `causes`
 * with apiserver field paths (`spec.source.repoURL`, `spec.items[0].name`).
 */
export function validateAndPrune(
  schema: OpenApiSchema,
  value: unknown,
  path: string,
  causes: StatusCause[],
): unknown {
  const field = path;
  if (value === null) {
    if (schema.nullable) return null;
    if (schema["x-kubernetes-preserve-unknown-fields"] && !schema.type) return null;
    causes.push(
      invalid(
        field,
        `"null"`,
        `${field} in body must be of type ${schema.type ?? "object"}: "null"`,
      ),
    );
    return value;
  }
  if (schema["x-kubernetes-int-or-string"]) {
    const t = typeName(value);
    if (t !== "integer" && t !== "string") {
      causes.push(
        invalid(field, quote(t), `${field} in body must be of type integer,string: ${quote(t)}`),
      );
    }
    return value;
  }
  const t = typeName(value);
  if (schema.type) {
    const ok = schema.type === t || (schema.type === "number" && t === "integer");
    if (!ok) {
      causes.push(
        invalid(field, quote(t), `${field} in body must be of type ${schema.type}: ${quote(t)}`),
      );
      return value;
    }
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    causes.push({
      reason: "FieldValueNotSupported",
      field,
      message: `Unsupported value: ${quote(value)}: supported values: ${schema.enum.map(quote).join(", ")}`,
    });
  }
  if (Array.isArray(value)) {
    if (!schema.items) return value;
    const items = schema.items;
    return value.map((item, i) => validateAndPrune(items, item, `${field}[${i}]`, causes));
  }
  if (isPlainObject(value)) return validateObject(schema, value, field, causes);
  return value;
}

function validateObject(
  schema: OpenApiSchema,
  value: Record<string, unknown>,
  field: string,
  causes: StatusCause[],
) {
  const out: Record<string, unknown> = {};
  const preserve = schema["x-kubernetes-preserve-unknown-fields"] === true;
  const embedded = schema["x-kubernetes-embedded-resource"] === true;
  const additional = schema.additionalProperties;
  for (const [k, v] of Object.entries(value)) {
    const childPath = field ? `${field}.${k}` : k;
    const prop = own(schema.properties, k) as OpenApiSchema | undefined;
    if (prop) setOwn(out, k, validateAndPrune(prop, v, childPath, causes));
    else if (isPlainObject(additional))
      setOwn(out, k, validateAndPrune(additional, v, childPath, causes));
    else if (
      preserve ||
      additional === true ||
      (embedded && (k === "apiVersion" || k === "kind" || k === "metadata"))
    )
      setOwn(out, k, v);
    // Anything else is pruned silently, as the apiserver does for structural schemas.
  }
  for (const [k, prop] of Object.entries(schema.properties ?? {})) {
    if (own(out, k) === undefined && prop.default !== undefined)
      setOwn(out, k, structuredClone(prop.default));
  }
  for (const req of schema.required ?? []) {
    if (own(out, req) === undefined) {
      causes.push({
        reason: "FieldValueRequired",
        field: field ? `${field}.${req}` : req,
        message: "Required value",
      });
    }
  }
  return out;
}

function invalid(field: string, shown: string, detail: string): StatusCause {
  return { reason: "FieldValueInvalid", field, message: `Invalid value: ${shown}: ${detail}` };
}

/**
 * Validates a whole custom resource: apiVersion/kind/metadata are handled by the generic
 * path, everything else against the CRD's schema.
 */
export function validateCustomResource(
  schema: OpenApiSchema,
  obj: Record<string, unknown>,
  causes: StatusCause[],
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    if (k !== "apiVersion" && k !== "kind" && k !== "metadata") setOwn(body, k, v);
  const rootSchema: OpenApiSchema = { ...schema, properties: { ...schema.properties } };
  delete rootSchema.properties?.apiVersion;
  delete rootSchema.properties?.kind;
  delete rootSchema.properties?.metadata;
  rootSchema.required = (schema.required ?? []).filter(
    (r) => r !== "apiVersion" && r !== "kind" && r !== "metadata",
  );
  const pruned = validateAndPrune(rootSchema, body, "", causes) as Record<string, unknown>;
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: obj.metadata, ...pruned };
}
