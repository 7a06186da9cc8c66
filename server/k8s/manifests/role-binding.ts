import type { RbacV1Subject, V1RoleBinding } from "@kubernetes/client-node";
import { namespacedMeta, type TObjectOwnership } from "./object-meta";

export type TBoundClusterRole = "admin" | "edit" | "view";

/**
 * Members are bound as `User` subjects named by their verified e-mail address: that is the
 * identity an OIDC-configured API server (`--oidc-username-claim=email`) sees, and Slipway only
 * admits members by verified e-mail, so the name is one the member can prove. Sorted and
 * de-duplicated so the same membership always yields the same object (no needless writes).
 */
export function userSubjects(emails: readonly string[]): RbacV1Subject[] {
  return [...new Set(emails)]
    .sort()
    .map((name) => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name }));
}

export function serviceAccountSubject(namespace: string, name: string): RbacV1Subject {
  return { kind: "ServiceAccount", name, namespace };
}

/** A RoleBinding of one of Kubernetes' user-facing ClusterRoles, scoped to the namespace. */
export function buildRoleBinding(
  namespace: string,
  name: string,
  clusterRole: TBoundClusterRole,
  subjects: RbacV1Subject[],
  ownership: TObjectOwnership,
): V1RoleBinding {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: namespacedMeta(name, namespace, ownership),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRole },
    subjects,
  };
}
