// The cluster connection Slipway uses to act as a person: the cluster's own address and TLS
// settings with the person's bearer token in place of the service credentials.
import { AuthenticationV1Api, type KubeConfig } from "@kubernetes/client-node";
import type { TClusterConnection } from "@/server/k8s/connection";
import { kubeConfigFor } from "@/server/k8s/kube-config-for";

export function personConnection(service: TClusterConnection, bearer: string): TClusterConnection {
  return {
    ...service,
    credentials: {
      kind: "token",
      token: bearer,
      ...(service.credentials.caData ? { caData: service.credentials.caData } : {}),
    },
  };
}

/** A KubeConfig acting with `bearer` on the cluster `service` describes. */
export function personKubeConfig(service: TClusterConnection, bearer: string): KubeConfig {
  return kubeConfigFor(personConnection(service, bearer));
}

/** "Who am I": the cluster's SelfSubjectReview for the KubeConfig's bearer. */
export function selfSubjectReview(kubeConfig: KubeConfig) {
  return kubeConfig.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
    body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
  });
}
