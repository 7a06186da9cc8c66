import type { V1NetworkPolicy } from "@kubernetes/client-node";
import { namespacedMeta, type TObjectOwnership } from "./object-meta";

export const DENY_ALL_INGRESS = "deny-all-ingress";
export const ALLOW_SAME_NAMESPACE = "allow-same-namespace";

/**
 * Isolation of a namespace (the self-service seed): deny all ingress, then allow traffic from pods
 * in the same namespace. Policies are additive, so together they mean "only from here".
 * (client-node's typed models call the rule's `from` `_from`; they serialise it back.)
 */
export function buildNetworkPolicies(
  namespace: string,
  ownership: TObjectOwnership,
): V1NetworkPolicy[] {
  return [
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: namespacedMeta(DENY_ALL_INGRESS, namespace, ownership),
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: namespacedMeta(ALLOW_SAME_NAMESPACE, namespace, ownership),
      spec: {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [{ _from: [{ podSelector: {} }] }],
      },
    },
  ];
}
