// The base every environment and workspace namespace shares (self-service seed): the Namespace,
// its quota and container defaults, and network isolation. Namespace first, for apply order.
import type { KubernetesObject } from "@kubernetes/client-node";
import { buildNamespace } from "./namespace";
import { buildNetworkPolicies } from "./network-policies";
import type { TObjectOwnership } from "./object-meta";
import { buildResourceLimits, type TContainerLimits } from "./resource-quota";

export interface TIsolatedNamespaceInput {
  namespace: string;
  quota: Record<string, string>;
  containerLimits: TContainerLimits | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function buildIsolatedNamespace(
  input: TIsolatedNamespaceInput,
  ownership: TObjectOwnership,
): KubernetesObject[] {
  const { namespace } = input;
  return [
    buildNamespace(namespace, ownership, { labels: input.labels, annotations: input.annotations }),
    ...buildResourceLimits(namespace, ownership, input.quota, input.containerLimits),
    ...buildNetworkPolicies(namespace, ownership),
  ];
}
