// The desired objects of an environment (seeds: OSIO environments, self-service namespaces): its
// Namespace, quota and container defaults, network isolation, and one RoleBinding per space role
// that has members. Pure: the same input always gives the same objects, in apply order.
import type { KubernetesObject } from "@kubernetes/client-node";
import { buildConfigMap } from "./config-map";
import { buildIsolatedNamespace } from "./isolated-namespace";
import type { TObjectOwnership } from "./object-meta";
import type { TContainerLimits } from "./resource-quota";
import { buildRoleBinding, userSubjects, type TBoundClusterRole } from "./role-binding";

export type TMemberRole = "owner" | "contributor" | "viewer";
export type TEnvironmentKind = "build" | "dev" | "test" | "stage" | "run" | "custom";

export interface TEnvironmentManifestInput {
  environmentId: string;
  spaceName: string;
  environmentName: string;
  environmentType: TEnvironmentKind;
  namespace: string;
  /** ResourceQuota `hard`, already resolved from the type's defaults and the admin's ceilings. */
  quota: Record<string, string>;
  containerLimits: TContainerLimits | null;
  /** Members of the space by verified e-mail. */
  members: { email: string; role: TMemberRole }[];
  variables: { name: string; value: string }[];
  tags: string[];
}

export const ENVIRONMENT_TYPE_LABEL = "slipway.dev/environment-type";
export const TAGS_ANNOTATION = "slipway.dev/tags";
/** Apps read the environment's variables with `envFrom: [{configMapRef: {name: …}}]`. */
export const VARIABLES_CONFIG_MAP = "slipway-environment";

export const MEMBER_BINDINGS: readonly {
  role: TMemberRole;
  name: string;
  clusterRole: TBoundClusterRole;
}[] = [
  { role: "owner", name: "slipway-owners", clusterRole: "admin" },
  { role: "contributor", name: "slipway-contributors", clusterRole: "edit" },
  { role: "viewer", name: "slipway-viewers", clusterRole: "view" },
];

export function buildEnvironmentObjects(input: TEnvironmentManifestInput): KubernetesObject[] {
  const { namespace } = input;
  const ownership: TObjectOwnership = {
    owner: { kind: "environment", id: input.environmentId },
    spaceName: input.spaceName,
    environmentName: input.environmentName,
  };
  const objects = buildIsolatedNamespace(
    {
      ...input,
      labels: { [ENVIRONMENT_TYPE_LABEL]: input.environmentType },
      annotations: input.tags.length > 0 ? { [TAGS_ANNOTATION]: input.tags.join(",") } : {},
    },
    ownership,
  );
  if (input.variables.length > 0) {
    const data = Object.fromEntries(input.variables.map((v) => [v.name, v.value]));
    objects.push(buildConfigMap(namespace, VARIABLES_CONFIG_MAP, data, ownership));
  }
  // A role with no members gets no binding; prune removes the one it had.
  for (const binding of MEMBER_BINDINGS) {
    const emails = input.members.filter((m) => m.role === binding.role).map((m) => m.email);
    if (emails.length === 0) continue;
    objects.push(
      buildRoleBinding(
        namespace,
        binding.name,
        binding.clusterRole,
        userSubjects(emails),
        ownership,
      ),
    );
  }
  return objects;
}
