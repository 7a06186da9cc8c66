// The kinds Slipway makes on clusters. Prune and delete list each of them by owner label; the
// informers watch each of them. Order matters for deletion: namespaced kinds first, the
// Namespace last (its deletion would take the rest with it anyway).

export interface TManagedKind {
  apiVersion: string;
  kind: string;
  /** The resource name in URLs. */
  plural: string;
  namespaced: boolean;
}

export const NAMESPACE_KIND: TManagedKind = {
  apiVersion: "v1",
  kind: "Namespace",
  plural: "namespaces",
  namespaced: false,
};

export const MANAGED_KINDS: readonly TManagedKind[] = [
  { apiVersion: "v1", kind: "ResourceQuota", plural: "resourcequotas", namespaced: true },
  { apiVersion: "v1", kind: "LimitRange", plural: "limitranges", namespaced: true },
  { apiVersion: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true },
  { apiVersion: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true },
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
  NAMESPACE_KIND,
];

export const ARGO_APPLICATION_KIND: TManagedKind = {
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Application",
  plural: "applications",
  namespaced: true,
};

/**
 * What a binding makes in an Argo CD namespace: Applications, repository or cluster Secrets, and
 * the Roles and RoleBindings that let members act on its Applications as themselves.
 * Not in MANAGED_KINDS: only clusters that run Argo CD serve Applications, and Secrets are never
 * cached or recorded where pages could show them.
 */
export const ARGO_KINDS: readonly TManagedKind[] = [
  ARGO_APPLICATION_KIND,
  { apiVersion: "v1", kind: "Secret", plural: "secrets", namespaced: true },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", plural: "roles", namespaced: true },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    plural: "rolebindings",
    namespaced: true,
  },
];

/**
 * The collection URL of a kind (for list and watch), cluster-wide or in one namespace, e.g.
 * `/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings`.
 */
export function collectionPath(kind: TManagedKind, namespace?: string): string {
  const root = kind.apiVersion.includes("/")
    ? `/apis/${kind.apiVersion}`
    : `/api/${kind.apiVersion}`;
  const scope = kind.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${root}${scope}/${kind.plural}`;
}

export function managedKindOf(apiVersion: string, kind: string): TManagedKind | undefined {
  return MANAGED_KINDS.find((k) => k.apiVersion === apiVersion && k.kind === kind);
}
