import { describe, expect, it } from "vitest";
import { buildTargetObjects } from "./target-objects";

const labels = {
  "app.kubernetes.io/managed-by": "slipway",
  "slipway.dev/owner-kind": "target",
  "slipway.dev/owner-id": "c3f5a7e9-1b2d-4f6a-8c0e-2d4f6a8c0e1b",
};
const meta = (name: string) => ({ name, namespace: "dt-c3f5a7e9", labels });

describe("buildTargetObjects", () => {
  const input = {
    targetId: "c3f5a7e9-1b2d-4f6a-8c0e-2d4f6a8c0e1b",
    namespace: "dt-c3f5a7e9",
    quota: { "limits.cpu": "8", pods: "50" },
  };

  it("builds a namespace with the class's quota and a deployer ServiceAccount that is admin there", () => {
    expect(buildTargetObjects(input)).toStrictEqual([
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "dt-c3f5a7e9", labels } },
      {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: meta("slipway-quota"),
        spec: { hard: { "limits.cpu": "8", pods: "50" } },
      },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: meta("slipway-deployer") },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: meta("slipway-deployer"),
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" },
        subjects: [{ kind: "ServiceAccount", name: "slipway-deployer", namespace: "dt-c3f5a7e9" }],
      },
    ]);
  });

  it("is deterministic and makes no quota when the class sets none", () => {
    expect(JSON.stringify(buildTargetObjects(input))).toBe(
      JSON.stringify(buildTargetObjects(input)),
    );
    expect(buildTargetObjects({ ...input, quota: {} }).map((o) => o.kind)).toStrictEqual([
      "Namespace",
      "ServiceAccount",
      "RoleBinding",
    ]);
  });
});
