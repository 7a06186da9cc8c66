import type { KubernetesObject } from "@kubernetes/client-node";

/** Which object: enough to address it (and to compare desired with found). */
export interface TObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function refOf(object: KubernetesObject): TObjectRef {
  return {
    apiVersion: object.apiVersion ?? "",
    kind: object.kind ?? "",
    ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata?.name ?? "",
  };
}

/** `rbac.authorization.k8s.io/v1 RoleBinding team-a/slipway-owners` */
export function refKey(ref: TObjectRef): string {
  return `${ref.apiVersion} ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}

/** The minimal object client-node's read and delete address. */
export function headerOf(object: KubernetesObject) {
  const ref = refOf(object);
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  };
}
