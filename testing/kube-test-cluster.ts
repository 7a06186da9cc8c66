// A Kubernetes API test server plus the TClusterConnection Slipway would open for it, for
// integration tests of the k8s layer and the reconciler.
import { afterAll, beforeAll } from "vitest";
import { ClusterClientPool, type TClusterClient } from "@/server/k8s/client-pool";
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

/**
 * One test server for a describe block, with a pool client for it. Read the getters inside
 * tests (they are set in beforeAll).
 */
export function useTestCluster(): {
  cluster: () => TTestCluster;
  pool: ClusterClientPool;
  client: () => TClusterClient;
} {
  const pool = new ClusterClientPool();
  let cluster: TTestCluster | undefined;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    pool.close();
    await cluster?.server.stop();
  });
  const current = () => {
    if (!cluster) throw new Error("useTestCluster: the server starts in beforeAll");
    return cluster;
  };
  return { cluster: current, pool, client: () => pool.client(current().connection) };
}
