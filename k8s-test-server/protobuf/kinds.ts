// The built-in kinds whose protobuf encoding the server decodes: kubectl sends typed objects
// (create namespace/configmap/…, auth can-i, create token) as protobuf. Anything else sent as
// protobuf is refused with 415, as kube-apiserver does for types it has no protobuf codec for.
export interface ProtoKind {
  apiVersion: string;
  kind: string;
  /** Full protobuf message name in the upstream generated.proto. */
  message: string;
}

const core = (kind: string): ProtoKind => ({
  apiVersion: "v1",
  kind,
  message: `k8s.io.api.core.v1.${kind}`,
});

export const SERVED_PROTO_KINDS: ProtoKind[] = [
  ...[
    "Namespace",
    "ResourceQuota",
    "LimitRange",
    "ServiceAccount",
    "Secret",
    "ConfigMap",
    "Event",
  ].map(core),
  {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    message: "k8s.io.api.networking.v1.NetworkPolicy",
  },
  ...["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"].map((kind) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind,
    message: `k8s.io.api.rbac.v1.${kind}`,
  })),
  {
    apiVersion: "authorization.k8s.io/v1",
    kind: "SelfSubjectAccessReview",
    message: "k8s.io.api.authorization.v1.SelfSubjectAccessReview",
  },
  {
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenRequest",
    message: "k8s.io.api.authentication.v1.TokenRequest",
  },
  // Body of DELETE requests from typed clients.
  {
    apiVersion: "meta.k8s.io/v1",
    kind: "DeleteOptions",
    message: "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
  },
  {
    apiVersion: "v1",
    kind: "DeleteOptions",
    message: "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions",
  },
];
