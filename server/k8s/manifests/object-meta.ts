// Metadata every object Slipway builds carries: the ownership labels prune and the informers
// select on, plus readable labels naming the space and environment for people using kubectl.
import type { V1ObjectMeta } from "@kubernetes/client-node";
import { ENVIRONMENT_LABEL, ownerLabels, SPACE_LABEL, type TOwner } from "../labels";

export interface TObjectOwnership {
  owner: TOwner;
  spaceName?: string;
  environmentName?: string;
}

export function managedLabels(ownership: TObjectOwnership): Record<string, string> {
  return {
    ...ownerLabels(ownership.owner),
    ...(ownership.spaceName ? { [SPACE_LABEL]: ownership.spaceName } : {}),
    ...(ownership.environmentName ? { [ENVIRONMENT_LABEL]: ownership.environmentName } : {}),
  };
}

/** Metadata of an object in the owner's namespace. */
export function namespacedMeta(
  name: string,
  namespace: string,
  ownership: TObjectOwnership,
): V1ObjectMeta & { name: string; namespace: string } {
  return { name, namespace, labels: managedLabels(ownership) };
}
