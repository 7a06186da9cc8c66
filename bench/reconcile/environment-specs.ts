// What the benchmark asks for: N environments, ten to a space, each with a quota, container
// defaults, one variable and three members (owner, contributor, viewer) — so each is a Namespace,
// ResourceQuota, LimitRange, two NetworkPolicies, a ConfigMap and three RoleBindings. The seed
// writes these as rows; the bare loop builds the same objects from them directly.
import type { TEnvironmentManifestInput } from "../../server/k8s/manifests/environment-objects";
import type { TContainerLimits } from "../../server/k8s/manifests/resource-quota";

export const ENVIRONMENTS_PER_SPACE = 10;

export const BENCH_MEMBERS = [
  { id: "bench-owner", email: "owner@bench.example.com", role: "owner" },
  { id: "bench-contributor", email: "contributor@bench.example.com", role: "contributor" },
  { id: "bench-viewer", email: "viewer@bench.example.com", role: "viewer" },
] as const;

const TYPES = ["stage", "test", "run", "custom"] as const;

export interface TEnvironmentSpec {
  spaceName: string;
  name: string;
  type: (typeof TYPES)[number];
  namespace: string;
  quota: Record<string, string>;
  containerLimits: TContainerLimits;
  variables: { name: string; value: string }[];
  tags: string[];
}

const pad = (n: number) => String(n).padStart(4, "0");

export function environmentSpecs(count: number, namespacePrefix: string): TEnvironmentSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    spaceName: `bench-space-${pad(Math.floor(i / ENVIRONMENTS_PER_SPACE))}`,
    name: `env-${pad(i)}`,
    type: TYPES[i % TYPES.length] ?? "stage",
    namespace: `${namespacePrefix}-${pad(i)}`,
    quota: { "requests.cpu": "2", "requests.memory": "4Gi", "limits.memory": "8Gi", pods: "20" },
    containerLimits: {
      defaultRequest: { cpu: "100m", memory: "128Mi" },
      default: { cpu: "500m", memory: "512Mi" },
    },
    variables: [{ name: "LOG_LEVEL", value: "info" }],
    tags: ["bench"],
  }));
}

export function manifestInputOf(
  spec: TEnvironmentSpec,
  environmentId: string,
): TEnvironmentManifestInput {
  return {
    environmentId,
    spaceName: spec.spaceName,
    environmentName: spec.name,
    environmentType: spec.type,
    namespace: spec.namespace,
    quota: spec.quota,
    containerLimits: spec.containerLimits,
    members: BENCH_MEMBERS.map(({ email, role }) => ({ email, role })),
    variables: spec.variables,
    tags: spec.tags,
  };
}
