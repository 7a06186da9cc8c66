// The cluster a phase runs against. By default a fresh Kubernetes API test server per phase, so no
// phase sees another's objects: in a process of its own (requests and connections then counted
// on this side, as for a real cluster), or with `--server=in-process` in this one (its own
// counters read directly). With
// SLIPWAY_BENCH_KUBECONFIG, that kubeconfig's current context: every phase gets namespaces under
// a prefix unique to this run, and disposing a phase deletes exactly the namespaces under its
// prefix — nothing else on the cluster is touched.
import { randomBytes } from "node:crypto";
import { CoreV1Api } from "@kubernetes/client-node";
import { startKubeTestServer } from "../../k8s-test-server/index";
import type { TClusterConnection } from "../../server/k8s/connection";
import { KeepAliveKubeConfig } from "../../server/k8s/keep-alive-kube-config";
import { connectionFromKubeconfig } from "./kubeconfig-connection";
import { clientMeter, serverMeter, type TRequestMeter } from "./request-meter";
import { spawnTestServer } from "./spawn-test-server";

export interface TBenchCluster {
  /** For the report: "test server" or the kubeconfig's server URL. */
  where: string;
  emulated: boolean;
  connection: TClusterConnection;
  meter: TRequestMeter;
  /** A DNS-1123 prefix for this phase's namespace names. */
  namespacePrefix: string;
  dispose(): Promise<void>;
}

/** Unique per run, so two runs against one cluster never share a namespace. */
const RUN_ID = randomBytes(3).toString("hex");

export async function openBenchCluster(
  phase: string,
  options: { kubeconfig?: string; serverPids: number[]; server: "separate" | "in-process" },
): Promise<TBenchCluster> {
  const namespacePrefix = `slipway-bench-${RUN_ID}-${phase}`;
  const { kubeconfig } = options;
  if (!kubeconfig && options.server === "separate") {
    const server = await spawnTestServer();
    const connection = connectionFromKubeconfig(server.kubeconfigPath, "pending");
    const meter = clientMeter(connection.apiUrl, server.pid === undefined ? [] : [server.pid]);
    return {
      where: "Kubernetes API test server (its own process)",
      emulated: true,
      connection,
      meter,
      namespacePrefix,
      dispose: async () => {
        meter.close();
        await server.stop();
      },
    };
  }
  if (!kubeconfig) {
    const server = await startKubeTestServer();
    const meter = serverMeter(server.metrics);
    return {
      where: "Kubernetes API test server (in process)",
      emulated: true,
      connection: {
        clusterId: "pending",
        clusterName: "bench",
        apiUrl: server.url,
        insecureSkipTlsVerify: false,
        credentials: { kind: "token", token: server.adminToken, caData: server.caPem },
      },
      meter,
      namespacePrefix,
      dispose: () => server.stop(),
    };
  }
  const connection = connectionFromKubeconfig(kubeconfig, "pending");
  const meter = clientMeter(connection.apiUrl, options.serverPids);
  return {
    where: `${connection.apiUrl} (current context of SLIPWAY_BENCH_KUBECONFIG)`,
    emulated: false,
    connection,
    meter,
    namespacePrefix,
    dispose: async () => {
      meter.close();
      const deleted = await deleteNamespacesUnder(connection, `${namespacePrefix}-`);
      console.log(`  deleted ${deleted} namespaces named ${namespacePrefix}-* (all gone)`);
    },
  };
}

async function deleteNamespacesUnder(connection: TClusterConnection, prefix: string) {
  const kubeConfig = new KeepAliveKubeConfig(connection);
  try {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const namesUnderPrefix = async () =>
      (await core.listNamespace()).items
        .map((ns) => ns.metadata?.name ?? "")
        .filter((name) => name.startsWith(prefix));
    const names = await namesUnderPrefix();
    for (const name of names) await core.deleteNamespace({ name });
    // A real cluster empties a namespace in the background: the next phase must not run against
    // that cleanup, or it pays for this phase's deletions.
    const deadline = Date.now() + 600_000;
    const left = async () => (await namesUnderPrefix()).length;
    for (let count = await left(); count > 0; count = await left()) {
      if (Date.now() > deadline)
        throw new Error(`${count} namespaces ${prefix}* still terminating`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return names.length;
  } finally {
    kubeConfig.destroy();
  }
}
