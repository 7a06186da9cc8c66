// RFC 6902 JSON Patch (through fast-json-patch) and RFC 7386 JSON Merge Patch, applied to plain
// JSON values, with the apiserver's answers: a malformed patch is 400, one that does not apply
// (missing path, failed test) is 422. Keys such as `__proto__` or `constructor` are ordinary keys
// of the document: a pointer only walks own members, so no patch reaches a prototype.
// The default import: fast-json-patch is CommonJS, and Node's ESM loader does not see its named exports.
import fastJsonPatch, { type Operation } from "fast-json-patch";
import { isPlainObject, own, setOwn, str } from "./json.js";
import { errors } from "./status.js";

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  // Spreading copies own properties as own properties, `__proto__` included.
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setOwn(out, k, mergePatch(own(out, k), v));
  }
  return out;
}

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

function pointerTokens(ptr: string): string[] {
  if (ptr === "") return [];
  return ptr
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Whether the pointer names an existing member (or, with `parentOnly`, an existing container for
 * a new one), walking own properties and in-range array indexes only.
 */
function resolves(doc: unknown, ptr: string, parentOnly: boolean): boolean {
  const tokens = pointerTokens(ptr);
  if (parentOnly) tokens.pop();
  let cur = doc;
  for (const t of tokens) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(t) || Number(t) >= cur.length) return false;
      cur = cur[Number(t)];
    } else if (isPlainObject(cur) && Object.hasOwn(cur, t)) cur = cur[t];
    else return false;
  }
  return !parentOnly || Array.isArray(cur) || isPlainObject(cur);
}

function missing(op: string, ptr: string, what = "path"): never {
  throw errors.unprocessable(
    `${op} operation does not apply: doc is missing ${what}: ${JSON.stringify(ptr)}: missing value`,
  );
}

function checkOperation(doc: unknown, raw: unknown): Operation {
  if (!isPlainObject(raw)) throw errors.badRequest("json patch operation must be an object");
  const op = str(raw.op);
  if (!OPS.has(op)) throw errors.unprocessable(`Unexpected kind: ${op}`);
  const path = raw.path;
  if (typeof path !== "string" || (path !== "" && !path.startsWith("/")))
    throw errors.unprocessable(`${op} operation does not apply: invalid path ${str(path)}`);
  if (op === "move" || op === "copy") {
    const from = raw.from;
    if (typeof from !== "string" || !resolves(doc, from, false))
      missing(op, str(from), "from path");
  }
  const parentOnly = op === "add" || op === "move" || op === "copy";
  if (path !== "" && !resolves(doc, path, parentOnly)) missing(op, path);
  return raw as unknown as Operation;
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw errors.badRequest("json patch must be an array of operations");
  let doc: unknown = structuredClone(target);
  for (const raw of ops) {
    const operation = checkOperation(doc, raw);
    try {
      // validate: refuse bad indexes and missing values; mutate: `doc` is already our copy;
      // banPrototypeModifications: a second guard behind the own-member walk above.
      doc = fastJsonPatch.applyPatch(doc, [operation], true, true, true).newDocument;
    } catch (e) {
      if (e instanceof fastJsonPatch.JsonPatchError && e.name === "TEST_OPERATION_FAILED")
        throw errors.unprocessable(`testing value ${operation.path} failed: test failed`);
      if (e instanceof fastJsonPatch.JsonPatchError || e instanceof TypeError)
        throw errors.unprocessable(`${operation.op} operation does not apply: ${e.message}`);
      throw e;
    }
  }
  return doc;
}
