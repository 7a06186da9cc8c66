// A member's personal namespace of a dev environment ("Open workspace"; OSIO: each user gets
// their own dev namespace for Che workspaces). The member is its admin. When the environment
// forbids contributors their own namespace instance (OSIO ProfileContributor unset), they share
// the owner's: the owner's workspace then also binds those contributors to `edit`.
import type { KubernetesObject } from "@kubernetes/client-node";
import { buildIsolatedNamespace } from "./isolated-namespace";
import type { TObjectOwnership } from "./object-meta";
import type { TContainerLimits } from "./resource-quota";
import { buildRoleBinding, userSubjects } from "./role-binding";

export interface TWorkspaceManifestInput {
  workspaceId: string;
  spaceName: string;
  environmentName: string;
  namespace: string;
  /** The member whose workspace this is, by verified e-mail. */
  memberEmail: string;
  /** Contributors sharing this (the owner's) namespace; empty when each has their own. */
  sharedWithContributors: string[];
  quota: Record<string, string>;
  containerLimits: TContainerLimits | null;
}

export const WORKSPACE_ADMIN_BINDING = "slipway-workspace-admin";
export const WORKSPACE_CONTRIBUTORS_BINDING = "slipway-contributors";

export function buildWorkspaceObjects(input: TWorkspaceManifestInput): KubernetesObject[] {
  const { namespace } = input;
  const ownership: TObjectOwnership = {
    owner: { kind: "workspace", id: input.workspaceId },
    spaceName: input.spaceName,
    environmentName: input.environmentName,
  };
  const objects: KubernetesObject[] = [
    ...buildIsolatedNamespace(input, ownership),
    buildRoleBinding(
      namespace,
      WORKSPACE_ADMIN_BINDING,
      "admin",
      userSubjects([input.memberEmail]),
      ownership,
    ),
  ];
  const contributors = input.sharedWithContributors.filter((email) => email !== input.memberEmail);
  if (contributors.length > 0) {
    objects.push(
      buildRoleBinding(
        namespace,
        WORKSPACE_CONTRIBUTORS_BINDING,
        "edit",
        userSubjects(contributors),
        ownership,
      ),
    );
  }
  return objects;
}
