// Helpers for the plain JSON values the server stores. Keys come from clients, so a key such as
// `__proto__` or `constructor` must behave like any other key: reads only see own properties and
// writes define own properties (a plain `o[k] = v` with k = "__proto__" would replace o's
// prototype instead of storing a field).

export type JsonObject = Record<string, unknown>;

export function isPlainObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** o[k] if k is o's own property; inherited members (`constructor`, `__proto__`) read as absent. */
export function own(o: unknown, k: string): unknown {
  return isPlainObject(o) && Object.hasOwn(o, k) ? o[k] : undefined;
}

/** Stores v under k as an own, enumerable property, whatever k is. */
export function setOwn(o: JsonObject, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** A JSON value as text for messages and keys (objects as JSON, never "[object Object]"). */
export function str(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === undefined || v === null) return "";
  if (typeof v === "object") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return v.toString();
  return "";
}
