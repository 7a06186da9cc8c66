import { describe, expect, it } from "vitest";
import { expectedBindingLabels, expectedRoleRef, expectedUser } from "@/testing/expected-manifests";
import { buildApplicationAccess, type TApplicationAccessInput } from "./argo-application-access";

const bindingId = "7c1d2a44-0e5b-4f57-9a9e-3f3c8d2b1a10";
const input: TApplicationAccessInput = {
  bindingId,
  spaceName: "payments",
  environmentName: "stage",
  argoCdNamespace: "argocd",
  applicationNames: ["payments-shop-web-stage", "payments-shop-api-stage"],
  members: [
    { email: "zoe@example.com", role: "contributor" },
    { email: "olive@example.com", role: "owner" },
    { email: "vera@example.com", role: "viewer" },
  ],
};
const labels = expectedBindingLabels(bindingId);
const name = (suffix: string) => `slipway-binding-${bindingId}-${suffix}`;
const meta = (suffix: string) => ({ name: name(suffix), namespace: "argocd", labels });
/** The Role of one kind of access to the binding's two Applications, and its RoleBinding. */
const access = (suffix: string, verbs: string[], users: string[]) => [
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: meta(suffix),
    rules: [
      {
        apiGroups: ["argoproj.io"],
        resources: ["applications"],
        resourceNames: ["payments-shop-api-stage", "payments-shop-web-stage"],
        verbs,
      },
    ],
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: meta(suffix),
    roleRef: expectedRoleRef(name(suffix)),
    subjects: users.map(expectedUser),
  },
];

describe("buildApplicationAccess", () => {
  it("lets every member read the binding's Applications and contributors and owners write them, by name only", () => {
    expect(buildApplicationAccess(input)).toStrictEqual([
      ...access(
        "view",
        ["get", "list", "watch"],
        ["olive@example.com", "vera@example.com", "zoe@example.com"],
      ),
      ...access("edit", ["get", "patch", "update"], ["olive@example.com", "zoe@example.com"]),
    ]);
  });

  it("grants nothing without Applications: an empty resourceNames would mean every Application", () => {
    expect(buildApplicationAccess({ ...input, applicationNames: [] })).toStrictEqual([]);
  });

  it("writes no edit access when only viewers are members", () => {
    const viewersOnly = {
      ...input,
      members: [{ email: "vera@example.com", role: "viewer" as const }],
    };
    expect(
      buildApplicationAccess(viewersOnly).map((o) => `${o.kind}/${o.metadata?.name}`),
    ).toStrictEqual([`Role/${name("view")}`, `RoleBinding/${name("view")}`]);
  });
});
