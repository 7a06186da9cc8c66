// stand-in until k8s-apply lands (server/k8s/manifests/*: buildEnvironmentObjects,
// buildWorkspaceObjects). Members are bound as Kubernetes User subjects named by their verified
// e-mail, the name an OIDC-authenticated cluster sees them as.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { TQuotaQuantities } from "@/db/schema";
import type { TContainerLimits } from "@/db/schema";
import type { TSpaceRole } from "@/lib/validators/space";
import { ownerLabels, type TOwner } from "./labels";

export interface TEnvironmentManifestInput {
  owner: TOwner;
  namespace: string;
  spaceName: string;
  environmentName: string;
  quota: TQuotaQuantities;
  containerLimits: TContainerLimits | null;
  members: { email: string; role: TSpaceRole }[];
}

const CLUSTER_ROLE: Record<TSpaceRole, string> = {
  owner: "admin",
  contributor: "edit",
  viewer: "view",
};

export function buildEnvironmentObjects(input: TEnvironmentManifestInput): KubernetesObject[] {
  const labels = {
    ...ownerLabels(input.owner),
    "slipway.dev/space": input.spaceName,
    "slipway.dev/environment": input.environmentName,
  };
  const namespace = input.namespace;
  const meta = (name: string) => ({ name, namespace, labels });
  const objects: KubernetesObject[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, labels } },
    {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: meta("slipway-quota"),
      spec: { hard: input.quota },
    } as KubernetesObject,
  ];
  if (input.containerLimits) {
    objects.push({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: meta("slipway-limits"),
      spec: { limits: [{ type: "Container", ...input.containerLimits }] },
    } as KubernetesObject);
  }
  objects.push(
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta("deny-all-ingress"),
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    } as KubernetesObject,
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta("allow-same-namespace"),
      spec: {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: {} }] }],
      },
    } as KubernetesObject,
  );
  for (const role of ["owner", "contributor", "viewer"] as const) {
    const emails = input.members
      .filter((m) => m.role === role)
      .map((m) => m.email)
      .sort();
    if (emails.length === 0) continue;
    objects.push({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta(`slipway-${role}s`),
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: CLUSTER_ROLE[role],
      },
      subjects: emails.map((name) => ({
        apiGroup: "rbac.authorization.k8s.io",
        kind: "User",
        name,
      })),
    } as KubernetesObject);
  }
  return objects;
}

/** A member's personal namespace: the environment's objects with the member as its only owner. */
export function buildWorkspaceObjects(
  input: Omit<TEnvironmentManifestInput, "members"> & { email: string },
): KubernetesObject[] {
  return buildEnvironmentObjects({ ...input, members: [{ email: input.email, role: "owner" }] });
}
