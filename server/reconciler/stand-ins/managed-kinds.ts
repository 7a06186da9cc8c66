// stand-in until k8s-apply lands (server/k8s/managed-kinds.ts)

export interface TManagedKind {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

export const MANAGED_KINDS: readonly TManagedKind[] = [
  { apiVersion: "v1", kind: "Namespace", plural: "namespaces", namespaced: false },
  { apiVersion: "v1", kind: "ResourceQuota", plural: "resourcequotas", namespaced: true },
  { apiVersion: "v1", kind: "LimitRange", plural: "limitranges", namespaced: true },
  { apiVersion: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true },
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    plural: "networkpolicies",
    namespaced: true,
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    plural: "rolebindings",
    namespaced: true,
  },
];
