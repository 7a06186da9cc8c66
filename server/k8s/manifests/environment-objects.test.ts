import { describe, expect, it } from "vitest";
import {
  expectedClusterRoleRef,
  expectedIsolation,
  expectedUser,
} from "@/testing/expected-manifests";
import { buildEnvironmentObjects, type TEnvironmentManifestInput } from "./environment-objects";

const input: TEnvironmentManifestInput = {
  environmentId: "0b6f6a52-4c1e-4d8e-9a57-0d6f1e3a9c11",
  spaceName: "payments",
  environmentName: "stage",
  environmentType: "stage",
  namespace: "payments-stage",
  quota: { "requests.cpu": "4", "requests.memory": "8Gi", pods: "40" },
  containerLimits: {
    default: { cpu: "500m", memory: "512Mi" },
    defaultRequest: { cpu: "100m", memory: "128Mi" },
  },
  members: [
    { email: "zoe@example.com", role: "contributor" },
    { email: "olive@example.com", role: "owner" },
    { email: "carl@example.com", role: "contributor" },
    { email: "vera@example.com", role: "viewer" },
  ],
  variables: [
    { name: "LOG_LEVEL", value: "info" },
    { name: "REGION", value: "eu-west" },
  ],
  tags: ["pci", "team-payments"],
};

const labels = {
  "app.kubernetes.io/managed-by": "slipway",
  "slipway.dev/owner-kind": "environment",
  "slipway.dev/owner-id": "0b6f6a52-4c1e-4d8e-9a57-0d6f1e3a9c11",
  "slipway.dev/space": "payments",
  "slipway.dev/environment": "stage",
};
const meta = (name: string) => ({ name, namespace: "payments-stage", labels });

describe("buildEnvironmentObjects", () => {
  it("builds the namespace, quota, limits, isolation, variables and one binding per role", () => {
    expect(buildEnvironmentObjects(input)).toStrictEqual([
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name: "payments-stage",
          labels: { ...labels, "slipway.dev/environment-type": "stage" },
          annotations: { "slipway.dev/tags": "pci,team-payments" },
        },
      },
      {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: meta("slipway-quota"),
        spec: { hard: { "requests.cpu": "4", "requests.memory": "8Gi", pods: "40" } },
      },
      {
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: meta("slipway-limits"),
        spec: {
          limits: [
            {
              type: "Container",
              _default: { cpu: "500m", memory: "512Mi" },
              defaultRequest: { cpu: "100m", memory: "128Mi" },
            },
          ],
        },
      },
      ...expectedIsolation(meta),
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: meta("slipway-environment"),
        data: { LOG_LEVEL: "info", REGION: "eu-west" },
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: meta("slipway-owners"),
        roleRef: expectedClusterRoleRef("admin"),
        subjects: [expectedUser("olive@example.com")],
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: meta("slipway-contributors"),
        roleRef: expectedClusterRoleRef("edit"),
        subjects: [expectedUser("carl@example.com"), expectedUser("zoe@example.com")],
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: meta("slipway-viewers"),
        roleRef: expectedClusterRoleRef("view"),
        subjects: [expectedUser("vera@example.com")],
      },
    ]);
  });

  it("leaves out what the input does not ask for: roles without members, empty quota, limits, variables, tags", () => {
    const objects = buildEnvironmentObjects({
      ...input,
      quota: {},
      containerLimits: null,
      members: [{ email: "olive@example.com", role: "owner" }],
      variables: [],
      tags: [],
    });
    expect(objects.map((o) => `${o.kind ?? ""}/${o.metadata?.name ?? ""}`)).toStrictEqual([
      "Namespace/payments-stage",
      "NetworkPolicy/deny-all-ingress",
      "NetworkPolicy/allow-same-namespace",
      "RoleBinding/slipway-owners",
    ]);
    expect(objects[0]?.metadata?.annotations).toBeUndefined();
  });

  it("is deterministic: member order and duplicates do not change the output", () => {
    const shuffled = { ...input, members: [...input.members, input.members[0]!].reverse() };
    expect(JSON.stringify(buildEnvironmentObjects(shuffled))).toBe(
      JSON.stringify(buildEnvironmentObjects(input)),
    );
  });
});
