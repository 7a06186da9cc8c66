// stand-in until k8s-apply lands (server/k8s/client-pool.ts). No keep-alive pool here: one
// client per cluster, rebuilt when the connection changes.
import { KubeConfig, KubernetesObjectApi, Watch } from "@kubernetes/client-node";
import type { TClusterConnection } from "@/server/k8s/connection";

export interface TClusterClient {
  objects: KubernetesObjectApi;
  kubeConfig: KubeConfig;
  watch: Watch;
}

const base64 = (pem: string) => Buffer.from(pem).toString("base64");

function kubeConfigFor(conn: TClusterConnection): KubeConfig {
  const kc = new KubeConfig();
  const creds = conn.credentials;
  kc.loadFromOptions({
    clusters: [
      {
        name: conn.clusterName,
        server: conn.apiUrl,
        skipTLSVerify: conn.insecureSkipTlsVerify,
        caData: creds.caData ? base64(creds.caData) : undefined,
      },
    ],
    users: [
      creds.kind === "token"
        ? { name: "slipway", token: creds.token }
        : { name: "slipway", certData: base64(creds.certData), keyData: base64(creds.keyData) },
    ],
    contexts: [{ name: "slipway", cluster: conn.clusterName, user: "slipway" }],
    currentContext: "slipway",
  });
  return kc;
}

export class ClusterClientPool {
  private readonly clients = new Map<string, { fingerprint: string; client: TClusterClient }>();

  client(conn: TClusterConnection): TClusterClient {
    const fingerprint = JSON.stringify(conn);
    const cached = this.clients.get(conn.clusterId);
    if (cached?.fingerprint === fingerprint) return cached.client;
    const kubeConfig = kubeConfigFor(conn);
    const client = {
      kubeConfig,
      objects: KubernetesObjectApi.makeApiClient(kubeConfig),
      watch: new Watch(kubeConfig),
    };
    this.clients.set(conn.clusterId, { fingerprint, client });
    return client;
  }

  evict(clusterId: string): void {
    this.clients.delete(clusterId);
  }

  close(): void {
    this.clients.clear();
  }
}
