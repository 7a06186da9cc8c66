// A compact take on structured-merge-diff: field sets as sets of path strings, fieldsV1
// (de)serialisation, apply merge with conflict detection, and ownership tracking for updates.
// Lists are atomic unless the schema says `x-kubernetes-list-type: map|set`.
import { childSchema, OBJECT_META_SCHEMA, type OpenApiSchema } from "./openapi.js";
import { deepEqual, isPlainObject, own, setOwn } from "./json.js";

/** One path element: `f:name`, `k:{"name":"x"}`, `v:"value"` or `.` (the list item itself). */
type PathElement = string;
type FieldSet = Set<string>;

const SEP = "\u0000";

export interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time?: string;
  fieldsType: "FieldsV1";
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface Conflict {
  manager: string;
  path: string;
}

/** Top-level and metadata fields the apiserver never tracks ownership of. */
const IGNORED_TOP = new Set(["apiVersion", "kind"]);
const IGNORED_META = new Set([
  "name",
  "namespace",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "managedFields",
  "selfLink",
  "generateName",
]);

export function withMetaSchema(schema: OpenApiSchema | undefined): OpenApiSchema {
  return {
    ...(schema ?? { type: "object" }),
    properties: { ...(schema?.properties ?? {}), metadata: OBJECT_META_SCHEMA },
  };
}

function keyElement(item: unknown, keys: string[]): PathElement {
  const k: Record<string, unknown> = {};
  for (const key of [...keys].sort()) k[key] = isPlainObject(item) ? item[key] : undefined;
  return `k:${JSON.stringify(k)}`;
}

/**
 * Which parts of `obj` belong to the field set: `scope` "main" drops status (when the kind has a
 * status subresource), "status" keeps only status.
 */
export type Scope = "all" | "main" | "status";

export function fieldSetOf(
  obj: Record<string, unknown>,
  schema: OpenApiSchema,
  scope: Scope,
): FieldSet {
  const out: FieldSet = new Set();
  for (const [k, v] of Object.entries(obj)) {
    if (IGNORED_TOP.has(k) || v === undefined) continue;
    if (scope === "main" && k === "status") continue;
    if (scope === "status" && k !== "status") continue;
    if (k === "metadata" && isPlainObject(v)) {
      const meta: Record<string, unknown> = {};
      for (const [mk, mv] of Object.entries(v)) if (!IGNORED_META.has(mk)) setOwn(meta, mk, mv);
      if (Object.keys(meta).length > 0) walk(meta, OBJECT_META_SCHEMA, ["f:metadata"], out);
      continue;
    }
    walk(v, childSchema(schema, k), [`f:${k}`], out);
  }
  return out;
}

function walk(
  value: unknown,
  schema: OpenApiSchema | undefined,
  path: PathElement[],
  out: FieldSet,
): void {
  if (
    isPlainObject(value) &&
    schema?.["x-kubernetes-map-type"] !== "atomic" &&
    Object.keys(value).length > 0
  ) {
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      walk(v, childSchema(schema, k), [...path, `f:${k}`], out);
    }
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    const listType = schema?.["x-kubernetes-list-type"];
    if (listType === "map") {
      const keys = schema?.["x-kubernetes-list-map-keys"] ?? [];
      for (const item of value) {
        const itemPath = [...path, keyElement(item, keys)];
        out.add([...itemPath, "."].join(SEP));
        if (isPlainObject(item)) {
          for (const [k, v] of Object.entries(item))
            walk(v, childSchema(schema?.items, k), [...itemPath, `f:${k}`], out);
        }
      }
      return;
    }
    if (listType === "set") {
      for (const item of value) out.add([...path, `v:${JSON.stringify(item)}`].join(SEP));
      return;
    }
  }
  out.add(path.join(SEP));
}

export function setFromFieldsV1(fields: Record<string, unknown>): FieldSet {
  const out: FieldSet = new Set();
  const rec = (node: Record<string, unknown>, path: PathElement[]) => {
    const entries = Object.entries(node);
    if (entries.length === 0) {
      if (path.length > 0) out.add(path.join(SEP));
      return;
    }
    for (const [k, v] of entries) {
      if (k === ".") out.add([...path, "."].join(SEP));
      else rec(isPlainObject(v) ? v : {}, [...path, k]);
    }
  };
  rec(fields, []);
  return out;
}

export function fieldsV1FromSet(set: FieldSet): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const p of [...set].sort()) {
    let node = root;
    for (const el of p.split(SEP)) {
      const next = (node[el] as Record<string, unknown> | undefined) ?? {};
      node[el] = next;
      node = next;
    }
  }
  return root;
}

/** `.spec.hard.pods`, `.spec.items[name="a"].image`, as in apiserver conflict messages. */
export function pathString(p: string): string {
  let s = "";
  for (const el of p.split(SEP)) {
    if (el.startsWith("f:")) s += `.${el.slice(2)}`;
    else if (el.startsWith("k:")) {
      const keys = JSON.parse(el.slice(2)) as Record<string, unknown>;
      s += `[${Object.entries(keys)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(",")}]`;
    } else if (el.startsWith("v:")) s += `[=${el.slice(2)}]`;
  }
  return s;
}

/** Navigates one path element; `undefined` when absent. */
function step(value: unknown, el: PathElement): unknown {
  if (el === ".") return value;
  if (el.startsWith("f:")) return own(value, el.slice(2));
  if (!Array.isArray(value)) return undefined;
  if (el.startsWith("k:")) {
    const keys = JSON.parse(el.slice(2)) as Record<string, unknown>;
    return value.find(
      (item) =>
        isPlainObject(item) && Object.entries(keys).every(([k, v]) => deepEqual(own(item, k), v)),
    );
  }
  if (el.startsWith("v:")) {
    const want = JSON.parse(el.slice(2)) as unknown;
    return value.find((item) => deepEqual(item, want));
  }
  return undefined;
}

export function valueAt(obj: unknown, p: string): unknown {
  let cur = obj;
  for (const el of p.split(SEP)) {
    cur = step(cur, el);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Removes the field at `p` from `obj` (mutating containers already copied by the caller). */
function removeAt(obj: Record<string, unknown>, p: string): void {
  const els = p.split(SEP);
  if (els[els.length - 1] === ".") els.pop();
  const last = els.pop();
  if (last === undefined) return;
  let parent: unknown = obj;
  for (const el of els) {
    parent = step(parent, el);
    if (parent === undefined) return;
  }
  if (last.startsWith("f:") && isPlainObject(parent)) delete parent[last.slice(2)];
  else if (Array.isArray(parent)) {
    const target = step(parent, last);
    const i = parent.indexOf(target);
    if (i >= 0) parent.splice(i, 1);
  }
}

/** Deep-merges an applied configuration into the live object following the schema's list semantics. */
function mergeApplied(live: unknown, applied: unknown, schema: OpenApiSchema | undefined): unknown {
  if (
    isPlainObject(applied) &&
    isPlainObject(live) &&
    schema?.["x-kubernetes-map-type"] !== "atomic"
  ) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(applied))
      setOwn(out, k, mergeApplied(own(live, k), v, childSchema(schema, k)));
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const appliedItems = applied as unknown[];
    const liveItems = live as unknown[];
    const listType = schema?.["x-kubernetes-list-type"];
    if (listType === "map") {
      const keys = schema?.["x-kubernetes-list-map-keys"] ?? [];
      const appliedByKey = new Map<string, unknown>(
        appliedItems.map((a) => [keyElement(a, keys), a]),
      );
      const out = liveItems.map((item) => {
        const k = keyElement(item, keys);
        const a = appliedByKey.get(k);
        if (a === undefined) return item;
        appliedByKey.delete(k);
        return mergeApplied(item, a, schema?.items);
      });
      return [...out, ...appliedByKey.values()];
    }
    if (listType === "set") {
      const out = [...liveItems];
      for (const a of appliedItems) if (!out.some((l) => deepEqual(l, a))) out.push(a);
      return out;
    }
  }
  return structuredClone(applied);
}

function entrySets(entries: ManagedFieldsEntry[]): { entry: ManagedFieldsEntry; set: FieldSet }[] {
  return entries.map((entry) => ({ entry, set: setFromFieldsV1(entry.fieldsV1) }));
}

/** The manager as apiserver conflict messages print it: `"name"`, `"name" using v1` (its identifier carries no time). */
function managerLabel(e: ManagedFieldsEntry): string {
  let label = JSON.stringify(e.manager);
  if (e.subresource) label += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === "Update") label += ` using ${e.apiVersion}`;
  return label;
}

export interface ApplyInput {
  live: Record<string, unknown> | undefined;
  applied: Record<string, unknown>;
  schema: OpenApiSchema;
  manager: string;
  force: boolean;
  apiVersion: string;
  subresource: string;
  scope: Scope;
  now: string;
}

export interface ApplyResult {
  object: Record<string, unknown>;
  managedFields: ManagedFieldsEntry[];
  conflicts: Conflict[];
}

const sameEntry = (e: ManagedFieldsEntry, manager: string, op: string, sub: string) =>
  e.manager === manager && e.operation === op && (e.subresource ?? "") === sub;

/** Server-side apply for one manager against the live object. */
export function apply(input: ApplyInput): ApplyResult {
  const { live, applied, schema, manager, force, subresource, scope } = input;
  const liveObj = live ?? {};
  const entries = entrySets(
    ((liveObj.metadata as Record<string, unknown> | undefined)?.managedFields as
      ManagedFieldsEntry[] | undefined) ?? [],
  );
  const appliedSet = fieldSetOf(applied, schema, scope);
  const mine = entries.find((e) => sameEntry(e.entry, manager, "Apply", subresource));
  const previous = mine?.set ?? new Set<string>();

  const scoped = scopeFilter(applied, scope);
  const merged = mergeApplied(liveObj, scoped, schema) as Record<string, unknown>;

  const conflicts: Conflict[] = [];
  const lost = new Map<ManagedFieldsEntry, Set<string>>();
  for (const { entry, set } of entries) {
    if (entry === mine?.entry) continue;
    if ((entry.subresource ?? "") !== subresource) continue;
    for (const p of appliedSet) {
      if (!set.has(p)) continue;
      // Owning a list item's existence (".") is shared; only its changed leaves can conflict.
      if (p.endsWith(`${SEP}.`)) continue;
      if (deepEqual(valueAt(liveObj, p), valueAt(merged, p))) continue;
      conflicts.push({ manager: managerLabel(entry), path: p });
      let l = lost.get(entry);
      if (!l) lost.set(entry, (l = new Set()));
      l.add(p);
    }
  }
  if (conflicts.length > 0 && !force)
    return { object: liveObj, managedFields: entries.map((e) => e.entry), conflicts };

  // Fields this manager applied before but no longer does are removed unless someone else owns them.
  // A field is also kept when another manager owns something inside it (e.g. items of a list).
  const othersOwn = (p: string) =>
    entries.some(({ entry, set }) => {
      if (entry === mine?.entry) return false;
      if (set.has(p) && !lost.get(entry)?.has(p)) return true;
      for (const q of set) if (q.startsWith(p + SEP)) return true;
      return false;
    });
  const removals = [...previous].filter((p) => !appliedSet.has(p) && !othersOwn(p));
  const result = removals.length > 0 ? structuredClone<Record<string, unknown>>(merged) : merged;
  for (const p of removals) removeAt(result, p);

  const managed: ManagedFieldsEntry[] = [];
  for (const { entry, set } of entries) {
    if (entry === mine?.entry) continue;
    const l = lost.get(entry);
    if (!l) {
      managed.push(entry);
      continue;
    }
    const remaining = new Set([...set].filter((p) => !l.has(p)));
    if (remaining.size > 0)
      managed.push({ ...entry, time: input.now, fieldsV1: fieldsV1FromSet(remaining) });
  }
  const fieldsV1 = fieldsV1FromSet(appliedSet);
  const unchanged =
    mine && setsEqual(previous, appliedSet) && mine.entry.apiVersion === input.apiVersion;
  const entry: ManagedFieldsEntry = unchanged
    ? mine.entry
    : {
        manager,
        operation: "Apply",
        apiVersion: input.apiVersion,
        time: input.now,
        fieldsType: "FieldsV1",
        fieldsV1,
        ...(subresource ? { subresource } : {}),
      };
  if (appliedSet.size > 0 || mine)
    managed.splice(
      mine ? entries.findIndex((e) => e.entry === mine.entry) : managed.length,
      0,
      entry,
    );
  return { object: result, managedFields: managed, conflicts: [] };
}

function scopeFilter(obj: Record<string, unknown>, scope: Scope): Record<string, unknown> {
  if (scope === "all") return obj;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (scope === "main" && k === "status") continue;
    if (
      scope === "status" &&
      k !== "status" &&
      k !== "metadata" &&
      k !== "apiVersion" &&
      k !== "kind"
    )
      continue;
    setOwn(out, k, v);
  }
  return out;
}

function setsEqual(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export interface UpdateInput {
  old: Record<string, unknown> | undefined;
  next: Record<string, unknown>;
  schema: OpenApiSchema;
  manager: string;
  apiVersion: string;
  subresource: string;
  scope: Scope;
  now: string;
}

/** Ownership after a non-apply write (create, update, merge/json patch): the writer takes what it changed. */
export function updateManagedFields(input: UpdateInput): ManagedFieldsEntry[] {
  const { old, next, schema, manager, subresource, scope } = input;
  const oldEntries = entrySets(
    ((old?.metadata as Record<string, unknown> | undefined)?.managedFields as
      ManagedFieldsEntry[] | undefined) ?? [],
  );
  const oldSet = old ? fieldSetOf(old, schema, scope) : new Set<string>();
  const newSet = fieldSetOf(next, schema, scope);
  const changed = new Set<string>();
  for (const p of newSet)
    if (!oldSet.has(p) || !deepEqual(valueAt(old, p), valueAt(next, p))) changed.add(p);
  const removed = [...oldSet].filter((p) => !newSet.has(p));
  const out: ManagedFieldsEntry[] = [];
  let mineIndex = -1;
  let mineSet = new Set<string>();
  for (const { entry, set } of oldEntries) {
    const isMine = sameEntry(entry, manager, "Update", subresource);
    const touchesScope = (entry.subresource ?? "") === subresource;
    let remaining = set;
    if (touchesScope && (changed.size > 0 || removed.length > 0)) {
      remaining = new Set(
        [...set].filter((p) => !removed.includes(p) && (isMine || !changed.has(p))),
      );
    }
    if (isMine) {
      mineIndex = out.length;
      mineSet = remaining;
      out.push(entry);
      continue;
    }
    if (remaining === set) out.push(entry);
    else if (remaining.size > 0)
      out.push({ ...entry, time: input.now, fieldsV1: fieldsV1FromSet(remaining) });
  }
  if (changed.size === 0 && mineIndex === -1) return out;
  const finalSet = new Set([...mineSet, ...changed]);
  const mineEntry = mineIndex >= 0 ? out[mineIndex] : undefined;
  if (mineEntry && changed.size === 0 && setsEqual(finalSet, setFromFieldsV1(mineEntry.fieldsV1)))
    return out;
  const entry: ManagedFieldsEntry = {
    manager,
    operation: "Update",
    apiVersion: input.apiVersion,
    time: input.now,
    fieldsType: "FieldsV1",
    fieldsV1: fieldsV1FromSet(finalSet),
    ...(subresource ? { subresource } : {}),
  };
  if (mineIndex >= 0) {
    if (finalSet.size === 0) out.splice(mineIndex, 1);
    else out[mineIndex] = entry;
  } else if (finalSet.size > 0) out.push(entry);
  return out;
}

export function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    const c = conflicts[0] as Conflict;
    return `Apply failed with 1 conflict: conflict with ${c.manager}: ${pathString(c.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts)
    byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), pathString(c.path)]);
  const lines: string[] = [];
  for (const m of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${m}:`);
    for (const p of byManager.get(m) ?? []) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
}
