import { describe, expect, it } from "vitest";
import {
  expectedClusterRoleRef,
  expectedIsolation,
  expectedUser,
} from "@/testing/expected-manifests";
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
      ...expectedIsolation(meta),
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: meta("slipway-workspace-admin"),
        roleRef: expectedClusterRoleRef("admin"),
        subjects: [expectedUser("olive@example.com")],
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
      roleRef: expectedClusterRoleRef("edit"),
      subjects: [expectedUser("carl@example.com"), expectedUser("zoe@example.com")],
    });
    const reordered = buildWorkspaceObjects({
      ...input,
      sharedWithContributors: ["carl@example.com", "zoe@example.com"],
    });
    expect(JSON.stringify(reordered)).toBe(JSON.stringify(objects));
  });
});
