// The bootstrap ClusterRoles a real cluster starts with. admin/edit/view carry no rules of their
// own: the aggregation controller fills them from the system:aggregate-to-* roles, exactly as
// kube-controller-manager does, so a CRD installer adding an aggregate-to-view role extends `view`.
// Rules follow Kubernetes' bootstrap policy for the resource families listed.
import { type PolicyRule } from "./rbac.js";

const RO = ["get", "list", "watch"];
const RW = ["create", "delete", "deletecollection", "patch", "update"];
const ALL = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const AGG = "rbac.authorization.k8s.io/aggregate-to-";

function role(
  name: string,
  rules: PolicyRule[],
  labels: Record<string, string> = {},
  aggregateFrom?: string,
): Record<string, unknown> {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: {
      name,
      labels: { "kubernetes.io/bootstrapping": "rbac-defaults", ...labels },
      annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
    },
    ...(aggregateFrom
      ? {
          aggregationRule: {
            clusterRoleSelectors: [{ matchLabels: { [`${AGG}${aggregateFrom}`]: "true" } }],
          },
        }
      : {}),
    rules,
  };
}

export function bootstrapClusterRoles(): Record<string, unknown>[] {
  return [
    role("cluster-admin", [
      { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
      { nonResourceURLs: ["*"], verbs: ["*"] },
    ]),
    role("admin", [], {}, "admin"),
    role("edit", [], { [`${AGG}admin`]: "true" }, "edit"),
    role("view", [], { [`${AGG}edit`]: "true" }, "view"),
    role(
      "system:aggregate-to-admin",
      [
        {
          apiGroups: ["authorization.k8s.io"],
          resources: ["localsubjectaccessreviews"],
          verbs: ["create"],
        },
        {
          apiGroups: ["rbac.authorization.k8s.io"],
          resources: ["rolebindings", "roles"],
          verbs: ALL,
        },
      ],
      { [`${AGG}admin`]: "true" },
    ),
    role(
      "system:aggregate-to-edit",
      [
        {
          apiGroups: [""],
          resources: [
            "pods/attach",
            "pods/exec",
            "pods/portforward",
            "pods/proxy",
            "secrets",
            "services/proxy",
          ],
          verbs: RO,
        },
        { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] },
        {
          apiGroups: [""],
          resources: ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"],
          verbs: RW,
        },
        { apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"] },
        {
          apiGroups: [""],
          resources: [
            "configmaps",
            "events",
            "persistentvolumeclaims",
            "replicationcontrollers",
            "replicationcontrollers/scale",
            "secrets",
            "serviceaccounts",
            "services",
            "services/proxy",
          ],
          verbs: RW,
        },
        { apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] },
        {
          apiGroups: ["apps"],
          resources: [
            "daemonsets",
            "deployments",
            "deployments/rollback",
            "deployments/scale",
            "replicasets",
            "replicasets/scale",
            "statefulsets",
            "statefulsets/scale",
          ],
          verbs: RW,
        },
        { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: RW },
        { apiGroups: ["batch"], resources: ["cronjobs", "jobs"], verbs: RW },
        {
          apiGroups: ["extensions"],
          resources: [
            "daemonsets",
            "deployments",
            "deployments/rollback",
            "deployments/scale",
            "ingresses",
            "networkpolicies",
            "replicasets",
            "replicasets/scale",
            "replicationcontrollers/scale",
          ],
          verbs: RW,
        },
        { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: RW },
        {
          apiGroups: ["networking.k8s.io"],
          resources: ["ingresses", "networkpolicies"],
          verbs: RW,
        },
        { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ALL },
      ],
      { [`${AGG}admin`]: "true", [`${AGG}edit`]: "true" },
    ),
    role(
      "system:aggregate-to-view",
      [
        {
          apiGroups: [""],
          resources: [
            "configmaps",
            "endpoints",
            "persistentvolumeclaims",
            "persistentvolumeclaims/status",
            "pods",
            "replicationcontrollers",
            "replicationcontrollers/scale",
            "serviceaccounts",
            "services",
            "services/status",
          ],
          verbs: RO,
        },
        {
          apiGroups: [""],
          resources: [
            "bindings",
            "events",
            "limitranges",
            "namespaces/status",
            "pods/log",
            "pods/status",
            "replicationcontrollers/status",
            "resourcequotas",
            "resourcequotas/status",
          ],
          verbs: RO,
        },
        { apiGroups: [""], resources: ["namespaces"], verbs: RO },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: RO },
        {
          apiGroups: ["apps"],
          resources: [
            "controllerrevisions",
            "daemonsets",
            "daemonsets/status",
            "deployments",
            "deployments/scale",
            "deployments/status",
            "replicasets",
            "replicasets/scale",
            "replicasets/status",
            "statefulsets",
            "statefulsets/scale",
            "statefulsets/status",
          ],
          verbs: RO,
        },
        {
          apiGroups: ["autoscaling"],
          resources: ["horizontalpodautoscalers", "horizontalpodautoscalers/status"],
          verbs: RO,
        },
        {
          apiGroups: ["batch"],
          resources: ["cronjobs", "cronjobs/status", "jobs", "jobs/status"],
          verbs: RO,
        },
        {
          apiGroups: ["extensions"],
          resources: [
            "daemonsets",
            "daemonsets/status",
            "deployments",
            "deployments/scale",
            "deployments/status",
            "ingresses",
            "ingresses/status",
            "networkpolicies",
            "replicasets",
            "replicasets/scale",
            "replicasets/status",
            "replicationcontrollers/scale",
          ],
          verbs: RO,
        },
        {
          apiGroups: ["policy"],
          resources: ["poddisruptionbudgets", "poddisruptionbudgets/status"],
          verbs: RO,
        },
        {
          apiGroups: ["networking.k8s.io"],
          resources: ["ingresses", "ingresses/status", "networkpolicies"],
          verbs: RO,
        },
      ],
      { [`${AGG}admin`]: "true", [`${AGG}edit`]: "true", [`${AGG}view`]: "true" },
    ),
    role("system:discovery", [
      {
        nonResourceURLs: [
          "/api",
          "/api/*",
          "/apis",
          "/apis/*",
          "/healthz",
          "/livez",
          "/openapi",
          "/openapi/*",
          "/readyz",
          "/version",
          "/version/",
        ],
        verbs: ["get"],
      },
    ]),
    role("system:basic-user", [
      {
        apiGroups: ["authorization.k8s.io"],
        resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
        verbs: ["create"],
      },
      {
        apiGroups: ["authentication.k8s.io"],
        resources: ["selfsubjectreviews"],
        verbs: ["create"],
      },
    ]),
  ];
}

/** Bindings that give every authenticated user discovery and self-review, as on a real cluster. */
export function bootstrapClusterRoleBindings(): Record<string, unknown>[] {
  const binding = (name: string, roleName: string, group: string) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: {
      name,
      labels: { "kubernetes.io/bootstrapping": "rbac-defaults" },
      annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" },
    },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: group }],
  });
  return [
    binding("cluster-admin", "cluster-admin", "system:masters"),
    binding("system:discovery", "system:discovery", "system:authenticated"),
    binding("system:basic-user", "system:basic-user", "system:authenticated"),
  ];
}
