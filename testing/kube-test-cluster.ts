// A Kubernetes API test server plus the TClusterConnection Slipway would open for it, for
// integration tests of the k8s layer and the reconciler.
import type { TClusterConnection } from "@/server/k8s/connection";
import { startKubeTestServer, type KubeTestServer } from "@/k8s-test-server/index";

export interface TTestCluster {
  server: KubeTestServer;
  connection: TClusterConnection;
}

export async function startTestCluster(clusterId = "cluster-1"): Promise<TTestCluster> {
  const server = await startKubeTestServer();
  return { server, connection: connectionTo(server, clusterId) };
}

export function connectionTo(
  server: KubeTestServer,
  clusterId: string,
  token = server.adminToken,
): TClusterConnection {
  return {
    clusterId,
    clusterName: clusterId,
    apiUrl: server.url,
    insecureSkipTlsVerify: false,
    credentials: { kind: "token", token, caData: server.caPem },
  };
}
