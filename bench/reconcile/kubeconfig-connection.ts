// SLIPWAY_BENCH_KUBECONFIG's current context as the TClusterConnection Slipway would hold for it:
// server URL, CA and a bearer token or client certificate. Exec and auth-provider users are
// refused, as cluster registration refuses them.
import { readFileSync } from "node:fs";
import { KubeConfig } from "@kubernetes/client-node";
import type { TClusterConnection } from "../../server/k8s/connection";

export function connectionFromKubeconfig(path: string, clusterId: string): TClusterConnection {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(path);
  const cluster = kubeConfig.getCurrentCluster();
  const user = kubeConfig.getCurrentUser();
  if (!cluster || !user) throw new Error(`${path}: the current context names no cluster or user`);
  if (!cluster.server.startsWith("https://")) throw new Error(`${path}: the server is not https`);
  if (user.exec || user.authProvider) {
    throw new Error(`${path}: exec and auth-provider users are not supported; use a token`);
  }
  const pem = (data?: string, file?: string) =>
    data
      ? Buffer.from(data, "base64").toString("utf8")
      : file
        ? readFileSync(file, "utf8")
        : undefined;
  const caData = pem(cluster.caData, cluster.caFile);
  const token = user.token;
  const certData = pem(user.certData, user.certFile);
  const keyData = pem(user.keyData, user.keyFile);
  const base = {
    clusterId,
    clusterName: cluster.name,
    apiUrl: cluster.server,
    insecureSkipTlsVerify: cluster.skipTLSVerify,
  };
  if (token) return { ...base, credentials: { kind: "token", token, caData } };
  if (certData && keyData) {
    return { ...base, credentials: { kind: "client-certificate", certData, keyData, caData } };
  }
  throw new Error(`${path}: the current user has neither a token nor a client certificate`);
}
