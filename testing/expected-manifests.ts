// Pieces of expected manifests shared by the builders' unit tests, written out as they should
// come from the builders (client-node's typed shapes: `_from`, `_default`).

export const expectedUser = (name: string) => ({
  kind: "User",
  apiGroup: "rbac.authorization.k8s.io",
  name,
});

export const expectedClusterRoleRef = (name: string) => ({
  apiGroup: "rbac.authorization.k8s.io",
  kind: "ClusterRole",
  name,
});

/** Labels of an object a binding owns, in the builders' tests' space "payments", environment "stage". */
export const expectedBindingLabels = (bindingId: string) => ({
  "app.kubernetes.io/managed-by": "slipway",
  "slipway.dev/owner-kind": "binding",
  "slipway.dev/owner-id": bindingId,
  "slipway.dev/space": "payments",
  "slipway.dev/environment": "stage",
});

export const expectedRoleRef = (name: string) => ({
  apiGroup: "rbac.authorization.k8s.io",
  kind: "Role",
  name,
});

/** deny-all-ingress and allow-same-namespace, with the metadata `meta(name)` gives. */
export const expectedIsolation = (meta: (name: string) => object) => [
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
];
