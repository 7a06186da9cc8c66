// An Argo CD cluster Secret (label `argocd.argoproj.io/secret-type: cluster`) on a hub cluster:
// how the hub's Argo CD reaches an environment's cluster that runs no Argo CD of its own. It holds
// that cluster's registered credentials, so it is written only on the hub, never shown anywhere.
import type { V1Secret } from "@kubernetes/client-node";
import { boundedName } from "@/lib/namespace-names";
import type { TClusterConnection } from "../connection";
import { ARGO_SECRET_TYPE_LABEL } from "./argo-repository-secret";
import { base64, secretData } from "./secret-data";
import { managedLabels, type TObjectOwnership } from "./object-meta";

const OBJECT_NAME_MAX = 253;

export interface TArgoClusterSecretInput {
  ownership: TObjectOwnership;
  argoCdNamespace: string;
  /** The environment's cluster, as Slipway reaches it. */
  connection: TClusterConnection;
  /** Namespaces Argo CD may deploy to there (empty: any). */
  namespaces: readonly string[];
  /** Whether Argo CD may manage cluster-scoped resources there. */
  clusterResources: boolean;
}

export function argoClusterSecretName(clusterName: string): string {
  return boundedName(`slipway-cluster-${clusterName}`, OBJECT_NAME_MAX);
}

/** Argo CD's cluster `config`: TLS data is base64 of the PEM, as in a kubeconfig. */
function clusterConfig(connection: TClusterConnection) {
  const { credentials } = connection;
  const tlsClientConfig = {
    insecure: connection.insecureSkipTlsVerify,
    ...(credentials.caData ? { caData: base64(credentials.caData) } : {}),
    ...(credentials.kind === "client-certificate"
      ? { certData: base64(credentials.certData), keyData: base64(credentials.keyData) }
      : {}),
  };
  return {
    ...(credentials.kind === "token" ? { bearerToken: credentials.token } : {}),
    tlsClientConfig,
  };
}

export function buildArgoClusterSecret(input: TArgoClusterSecretInput): V1Secret {
  const { connection } = input;
  const data: Record<string, string> = {
    name: connection.clusterName,
    server: connection.apiUrl,
    ...(input.namespaces.length > 0 ? { namespaces: input.namespaces.join(",") } : {}),
    clusterResources: String(input.clusterResources),
    config: JSON.stringify(clusterConfig(connection)),
  };
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: argoClusterSecretName(connection.clusterName),
      namespace: input.argoCdNamespace,
      labels: { ...managedLabels(input.ownership), [ARGO_SECRET_TYPE_LABEL]: "cluster" },
    },
    type: "Opaque",
    data: secretData(data),
  };
}
