// Whether a pass can skip the cluster: every desired object was applied, and what the watch sees
// now still holds every desired field and nothing more of the owner's. Then applying again would
// change nothing, and an idle reconciler (resync, a membership change that does not touch this
// environment, a controller updating status) sends the cluster no requests at all.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { TManagedObjectState } from "./managed-objects";
import { identity, objectIdentity } from "./object-identity";

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
  /** In the wire shape (toWireShape): what watches deliver, so the two compare field by field. */
  desired: readonly KubernetesObject[],
  rows: readonly TManagedObjectState[],
  /** What the watches see of the owner's objects now: identity → object without status. */
  observed: ReadonlyMap<string, KubernetesObject>,
): boolean {
  if (observed.size !== desired.length) return false;
  const applied = new Set(rows.filter((row) => row.health === "Applied").map(identity));
  return desired.every((object) => {
    const id = objectIdentity(object);
    // Compared by content, not resourceVersion: a controller writing status (a quota's usage)
    // bumps the version without changing anything Slipway applies.
    return applied.has(id) && containsFields(observed.get(id), object);
  });
}
