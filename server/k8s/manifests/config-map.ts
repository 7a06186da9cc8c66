import type { V1ConfigMap } from "@kubernetes/client-node";
import { namespacedMeta, type TObjectOwnership } from "./object-meta";

export function buildConfigMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
  ownership: TObjectOwnership,
): V1ConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: namespacedMeta(name, namespace, ownership),
    data,
  };
}
