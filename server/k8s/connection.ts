// How Slipway reaches a cluster: what a sealed cluster row opens to. Built by the cluster
// services, consumed by the client pool; never serialised to the browser.

export type TClusterCredentials =
  | { kind: "token"; token: string; caData?: string }
  | { kind: "client-certificate"; certData: string; keyData: string; caData?: string };

export interface TClusterConnection {
  clusterId: string;
  clusterName: string;
  /** https:// only. */
  apiUrl: string;
  insecureSkipTlsVerify: boolean;
  /** caData, certData and keyData are PEM text (not kubeconfig's base64 of it). */
  credentials: TClusterCredentials;
}
