// client-node reads and writes built-in kinds through its typed models, whose field names differ
// from the wire where the wire's are reserved words: a LimitRange item's `default` is `_default`,
// a NetworkPolicy rule's `from` is `_from`. The builders produce that typed shape and the typed
// clients answer in it; what people read (the YAML on an environment's page), what a watch
// delivers and what apply sends (ClusterObjectApi.applyWire) is the wire shape.
import type { KubernetesObject } from "@kubernetes/client-node";
import { ObjectSerializer } from "@kubernetes/client-node/dist/serializer.js";
import { getSerializationType } from "@kubernetes/client-node/dist/util.js";

/** The object as the API server writes it (kubectl's YAML). Unknown kinds pass through as they are. */
export function toWireShape(object: KubernetesObject): KubernetesObject {
  const type = getSerializationType(object.apiVersion, object.kind);
  // Through plain JSON first: client-node's generic KubernetesObject instance would serialise
  // itself without the kind's renames (and Dates become the strings the wire has).
  const wire: unknown = ObjectSerializer.serialize(JSON.parse(JSON.stringify(object)), type);
  return withoutUndefined(wire) as KubernetesObject;
}

/**
 * The serialiser writes every field of the model, absent ones as undefined: drop them, as a JSON
 * round trip would (an undefined list item becomes null), at a fraction of its cost — this runs
 * for every desired object of every pass.
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutUndefined(item) ?? null);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) copy[key] = withoutUndefined(field);
  }
  return copy;
}
