// Whether a pass can skip the cluster: every desired object was applied, the watch still sees the
// very version that apply returned, and what was applied already holds every desired field. Then
// applying again would change nothing, and an idle reconciler (resync, a membership change that
// does not touch this environment) sends the cluster no requests at all.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { managedObjects } from "@/db/schema";
import { toWireShape } from "@/server/k8s/wire-shape";
import { identity, objectIdentity } from "./object-identity";

type TManagedObjectRow = typeof managedObjects.$inferSelect;

/** Every field of `want` is in `have` with the same value (lists item by item, same length). */
export function containsFields(have: unknown, want: unknown): boolean {
  if (Array.isArray(want)) {
    return (
      Array.isArray(have) &&
      have.length === want.length &&
      want.every((item, i) => containsFields(have[i], item))
    );
  }
  if (want !== null && typeof want === "object") {
    if (have === null || typeof have !== "object" || Array.isArray(have)) return false;
    const record = have as Record<string, unknown>;
    return Object.entries(want).every(([key, value]) => containsFields(record[key], value));
  }
  return have === want;
}

export function upToDate(
  desired: readonly KubernetesObject[],
  rows: readonly TManagedObjectRow[],
  /** What the watches see of the owner's objects now: identity → resourceVersion. */
  observed: ReadonlyMap<string, string>,
): boolean {
  if (observed.size !== desired.length) return false;
  const byIdentity = new Map(rows.map((row) => [identity(row), row]));
  return desired.every((object) => {
    const id = objectIdentity(object);
    const row = byIdentity.get(id);
    return (
      row !== undefined &&
      row.health === "Applied" &&
      row.resourceVersion !== null &&
      observed.get(id) === row.resourceVersion &&
      // Rows hold the wire shape (managed-objects.ts); the builders give client-node's typed one.
      containsFields(row.observed, toWireShape(object))
    );
  });
}
