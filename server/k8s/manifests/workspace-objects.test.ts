import { describe, expect, it } from "vitest";
import { buildWorkspaceObjects, type TWorkspaceManifestInput } from "./workspace-objects";

const input: TWorkspaceManifestInput = {
  workspaceId: "7d1c2f0e-5b8a-4e3c-9f21-6a4b8c0d2e13",
  spaceName: "payments",
  environmentName: "dev",
  namespace: "payments-dev-olive",
  memberEmail: "olive@example.com",
  sharedWithContributors: [],
  quota: { pods: "10" },
  containerLimits: { default: { cpu: "1" }, defaultRequest: { cpu: "200m" } },
};

const labels = {
  "app.kubernetes.io/managed-by": "slipway",
  "slipway.dev/owner-kind": "workspace",
  "slipway.dev/owner-id": "7d1c2f0e-5b8a-4e3c-9f21-6a4b8c0d2e13",
  "slipway.dev/space": "payments",
  "slipway.dev/environment": "dev",
};
const meta = (name: string) => ({ name, namespace: "payments-dev-olive", labels });
const user = (name: string) => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name });
const roleRef = (name: string) => ({
  apiGroup: "rbac.authorization.k8s.io",
  kind: "ClusterRole",
  name,
});

describe("buildWorkspaceObjects", () => {
  it("gives the member a namespace of their own, as admin", () => {
    expect(buildWorkspaceObjects(input)).toStrictEqual([
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "payments-dev-olive", labels } },
      {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: meta("slipway-quota"),
        spec: { hard: { pods: "10" } },
      },
      {
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: meta("slipway-limits"),
        spec: {
          limits: [{ type: "Container", _default: { cpu: "1" }, defaultRequest: { cpu: "200m" } }],
        },
      },
      {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: meta("deny-all-ingress"),
        spec: { podSelector: {}, policyTypes: ["Ingress"] },
      },
      {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: meta("allow-same-namespace"),
        spec: {
          podSelector: {},
          policyTypes: ["Ingress"],
          ingress: [{ _from: [{ podSelector: {} }] }],
        },
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: meta("slipway-workspace-admin"),
        roleRef: roleRef("admin"),
        subjects: [user("olive@example.com")],
      },
    ]);
  });

  it("binds contributors who share the owner's namespace to edit, sorted, without the owner", () => {
    const objects = buildWorkspaceObjects({
      ...input,
      sharedWithContributors: ["zoe@example.com", "olive@example.com", "carl@example.com"],
    });
    expect(objects.at(-1)).toStrictEqual({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta("slipway-contributors"),
      roleRef: roleRef("edit"),
      subjects: [user("carl@example.com"), user("zoe@example.com")],
    });
    const reordered = buildWorkspaceObjects({
      ...input,
      sharedWithContributors: ["carl@example.com", "zoe@example.com"],
    });
    expect(JSON.stringify(reordered)).toBe(JSON.stringify(objects));
  });
});
