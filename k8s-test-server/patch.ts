// RFC 6902 JSON Patch and RFC 7386 JSON Merge Patch, applied to plain JSON values.
import { isPlainObject, str } from "./json.js";
import { errors } from "./status.js";

type Json = unknown;

export function mergePatch(target: Json, patch: Json): Json {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unescape(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

function parsePointer(ptr: string): string[] {
  if (ptr === "") return [];
  if (!ptr.startsWith("/")) throw errors.badRequest(`json patch: invalid path "${ptr}"`);
  return ptr.slice(1).split("/").map(unescape);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function getAt(doc: Json, path: string[]): Json {
  let cur = doc;
  for (const p of path) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isPlainObject(cur)) cur = cur[p];
    else return undefined;
  }
  return cur;
}

function parentOf(
  doc: Json,
  path: string[],
  op: string,
): { parent: Record<string, unknown> | unknown[]; key: string } {
  const parent = getAt(doc, path.slice(0, -1));
  if (!Array.isArray(parent) && !isPlainObject(parent)) {
    throw errors.unprocessable(`doc is missing path: "/${path.join("/")}": missing value`, op);
  }
  return { parent, key: path[path.length - 1] ?? "" };
}

function arrayIndex(arr: unknown[], key: string, forAdd: boolean): number {
  if (key === "-" && forAdd) return arr.length;
  const i = Number(key);
  if (!/^\d+$/.test(key) || i > arr.length || (!forAdd && i >= arr.length)) {
    throw errors.unprocessable(`Unable to access invalid index: ${key}`, "index");
  }
  return i;
}

function add(doc: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const { parent, key } = parentOf(doc, path, "add");
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
  return doc;
}

function remove(doc: Json, path: string[]): Json {
  const { parent, key } = parentOf(doc, path, "remove");
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else {
    if (!(key in parent))
      throw errors.unprocessable(`doc is missing key: /${path.join("/")}: missing value`, "remove");
    delete parent[key];
  }
  return doc;
}

function equal(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw errors.badRequest("json patch must be an array of operations");
  let doc = clone(target);
  for (const raw of ops) {
    if (!isPlainObject(raw)) throw errors.badRequest("json patch operation must be an object");
    const op = raw.op;
    const path = parsePointer(str(raw.path));
    switch (op) {
      case "add":
        doc = add(doc, path, clone(raw.value));
        break;
      case "remove":
        doc = remove(doc, path);
        break;
      case "replace":
        doc = remove(doc, path);
        doc = add(doc, path, clone(raw.value));
        break;
      case "move": {
        const from = parsePointer(str(raw.from));
        const v = getAt(doc, from);
        doc = remove(doc, from);
        doc = add(doc, path, v);
        break;
      }
      case "copy":
        doc = add(doc, path, clone(getAt(doc, parsePointer(str(raw.from)))));
        break;
      case "test":
        if (!equal(getAt(doc, path), raw.value))
          throw errors.unprocessable(
            `testing value /${path.join("/")} failed: test failed`,
            "test",
          );
        break;
      default:
        throw errors.badRequest(`Unexpected kind: ${String(op)}`);
    }
  }
  return doc;
}
