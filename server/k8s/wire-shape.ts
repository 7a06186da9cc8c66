// client-node reads and writes built-in kinds through its typed models, whose field names differ
// from the wire where the wire's are reserved words: a LimitRange item's `default` is `_default`,
// a NetworkPolicy rule's `from` is `_from`. The builders produce that typed shape (so patch
// serialises it correctly) and apply answers in it; what people read (the YAML on an
// environment's page) and what a watch delivers is the wire shape, so compare and show that.
import type { KubernetesObject } from "@kubernetes/client-node";
import { ObjectSerializer } from "@kubernetes/client-node/dist/serializer.js";
import { getSerializationType } from "@kubernetes/client-node/dist/util.js";

/** The object as the API server writes it (kubectl's YAML). Unknown kinds pass through as they are. */
export function toWireShape(object: KubernetesObject): KubernetesObject {
  const type = getSerializationType(object.apiVersion, object.kind);
  // Through plain JSON first: client-node's generic KubernetesObject instance would serialise
  // itself without the kind's renames (and Dates become the strings the wire has). And through
  // JSON after: the serialiser writes every field of the model, absent ones as undefined.
  const wire: unknown = ObjectSerializer.serialize(JSON.parse(JSON.stringify(object)), type);
  return JSON.parse(JSON.stringify(wire)) as KubernetesObject;
}
