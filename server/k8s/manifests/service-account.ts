import type { V1ServiceAccount } from "@kubernetes/client-node";
import { namespacedMeta, type TObjectOwnership } from "./object-meta";

export function buildServiceAccount(
  namespace: string,
  name: string,
  ownership: TObjectOwnership,
): V1ServiceAccount {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: namespacedMeta(name, namespace, ownership),
  };
}
