import type { RbacV1Subject, V1Role, V1RoleBinding } from "@kubernetes/client-node";
import { namespacedMeta, type TObjectOwnership } from "./object-meta";

const RBAC_GROUP = "rbac.authorization.k8s.io";

export type TBoundClusterRole = "admin" | "edit" | "view";

/**
 * Members are bound as `User` subjects named by their verified e-mail address: that is the
 * identity an OIDC-configured API server (`--oidc-username-claim=email`) sees, and Slipway only
 * admits members by verified e-mail, so the name is one the member can prove. Sorted and
 * de-duplicated so the same membership always yields the same object (no needless writes).
 */
export function userSubjects(emails: readonly string[]): RbacV1Subject[] {
  return [...new Set(emails)].sort().map((name) => ({ kind: "User", apiGroup: RBAC_GROUP, name }));
}

export function serviceAccountSubject(namespace: string, name: string): RbacV1Subject {
  return { kind: "ServiceAccount", name, namespace };
}

/**
 * A RoleBinding in the namespace: of one of Kubernetes' user-facing ClusterRoles (scoped to the
 * namespace), or of a Role Slipway wrote there (`{ role: name }`).
 */
export function buildRoleBinding(
  namespace: string,
  name: string,
  role: TBoundClusterRole | { role: string },
  subjects: RbacV1Subject[],
  ownership: TObjectOwnership,
): V1RoleBinding {
  const roleRef =
    typeof role === "string"
      ? { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: role }
      : { apiGroup: RBAC_GROUP, kind: "Role", name: role.role };
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: namespacedMeta(name, namespace, ownership),
    roleRef,
    subjects,
  };
}

/** A Role of one rule, in the namespace. */
export function buildRole(
  namespace: string,
  name: string,
  rule: { apiGroups: string[]; resources: string[]; resourceNames: string[]; verbs: string[] },
  ownership: TObjectOwnership,
): V1Role {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: namespacedMeta(name, namespace, ownership),
    rules: [rule],
  };
}
