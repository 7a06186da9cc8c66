// Server-side apply converts the applied configuration to a typed value (structured-merge-diff)
// before merging, and that conversion never prunes: a field the schema does not declare, or a
// value of the wrong shape, refuses the whole apply. kube-apiserver v1.24 answers 500 with no
// reason and the message `failed to create typed patch object (<ns>/<name>; <group>/<version>,
// Kind=<kind>): .spec.x: field not declared in schema`. Create, update and the other patch types
// prune unknown fields silently instead (openapi.ts).
import { isPlainObject, own } from "./json.js";
import { childSchema, type OpenApiSchema } from "./openapi.js";

/** The structured-merge-diff error lines for `value` against `schema` (empty when it converts). */
export function typedPatchErrors(schema: OpenApiSchema, obj: Record<string, unknown>): string[] {
  // apiVersion/kind are checked by the caller; metadata is not schema-checked by this double.
  const body = Object.fromEntries(
    Object.entries(obj).filter(([k]) => k !== "apiVersion" && k !== "kind" && k !== "metadata"),
  );
  const errs: string[] = [];
  check({ ...schema, type: "object" }, body, "", errs);
  return errs;
}

/** The message kube-apiserver puts in its Status (several errors are listed one per line). */
export function typedPatchMessage(errs: string[], where: string): string {
  const detail = errs.length === 1 ? errs[0] : ["errors:", ...errs.map((e) => `  ${e}`)].join("\n");
  return `failed to create typed patch object (${where}): ${detail}`;
}

function acceptsAnything(schema: OpenApiSchema): boolean {
  return (
    schema["x-kubernetes-preserve-unknown-fields"] === true || schema.additionalProperties === true
  );
}

/** Go's rendering of an unstructured value in SMD messages (`%T`, `%v`, `%#v`). */
function goType(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int64" : "float64";
  if (Array.isArray(v)) return "[]interface {}";
  return "map[string]interface {}";
}

function goValue(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

function check(schema: OpenApiSchema, value: unknown, path: string, errs: string[]): void {
  // SMD treats null as "unset"; the CRD's own validation decides about nullable afterwards.
  if (value === null || value === undefined) return;
  // int-or-string and schemaless preserved values are "untyped": any shape converts.
  if (schema["x-kubernetes-int-or-string"] || (!schema.type && acceptsAnything(schema))) return;
  switch (schema.type) {
    case "string":
      if (typeof value !== "string")
        errs.push(
          `${path}: expected string, got &value.valueUnstructured{Value:${goValue(value)}}`,
        );
      return;
    case "integer":
    case "number":
      if (typeof value !== "number")
        errs.push(`${path}: expected numeric (int or float), got ${goType(value)}`);
      return;
    case "boolean":
      if (typeof value !== "boolean")
        errs.push(`${path}: expected boolean, got &{${goValue(value)}}`);
      return;
    case "array": {
      if (!Array.isArray(value)) {
        errs.push(`${path}: expected list, got &{${goValue(value)}}`);
        return;
      }
      const items = schema.items;
      if (items) value.forEach((v, i) => check(items, v, itemPath(schema, v, i, path), errs));
      return;
    }
    default:
      if (!isPlainObject(value)) {
        errs.push(`${path}: expected map, got &{${goValue(value)}}`);
        return;
      }
      for (const [k, v] of Object.entries(value)) {
        const child = childSchema(schema, k);
        if (child) check(child, v, `${path}.${k}`, errs);
        else if (!acceptsAnything(schema) && !embeddedMeta(schema, k))
          errs.push(`${path}.${k}: field not declared in schema`);
      }
  }
}

function embeddedMeta(schema: OpenApiSchema, key: string): boolean {
  return (
    schema["x-kubernetes-embedded-resource"] === true &&
    (key === "apiVersion" || key === "kind" || key === "metadata")
  );
}

/** `[name="http"]` for items of map lists, `[0]` otherwise, as SMD paths print them. */
function itemPath(schema: OpenApiSchema, item: unknown, i: number, path: string): string {
  const keys = schema["x-kubernetes-list-map-keys"];
  if (schema["x-kubernetes-list-type"] !== "map" || !keys?.length) return `${path}[${i}]`;
  return `${path}[${keys.map((k) => `${k}=${JSON.stringify(own(item, k))}`).join(",")}]`;
}
