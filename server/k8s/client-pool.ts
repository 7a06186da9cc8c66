// One client per registered cluster, each over one keep-alive HTTPS agent, so the reconciler,
// the informers and the probes share a handful of TLS connections per cluster instead of opening
// one per request. A connection whose credentials or URL change gets a fresh client; the old
// agent is closed.
import { createHash } from "node:crypto";
import { Watch } from "@kubernetes/client-node";
import { ClusterObjectApi } from "./cluster-object-api";
import type { TClusterConnection } from "./connection";
import { KeepAliveKubeConfig } from "./keep-alive-kube-config";

export interface TClusterClient {
  clusterId: string;
  /** Any kind, by apiVersion/kind (server-side apply, list, delete); `applyWire` for the reconciler. */
  objects: ClusterObjectApi;
  /** For typed clients: `kubeConfig.makeApiClient(CoreV1Api)` shares the same agent. */
  kubeConfig: KeepAliveKubeConfig;
  /** Watch streams (and `makeInformer(kubeConfig, …)`) over the same agent. */
  watch: Watch;
}

interface TPoolEntry {
  fingerprint: string;
  /** The caller's cheap name for the connection (see clientFor), when it gave one. */
  version?: string;
  client: TClusterClient;
}

export class ClusterClientPool {
  private readonly entries = new Map<string, TPoolEntry>();

  /**
   * The client for a cluster whose connection the caller names by a `version` that changes with it
   * (its row's URL and sealed credentials): `open`, which decrypts them, runs only when it changed.
   */
  clientFor(clusterId: string, version: string, open: () => TClusterConnection): TClusterClient {
    const existing = this.entries.get(clusterId);
    if (existing && existing.version === version) return existing.client;
    const client = this.client(open());
    const entry = this.entries.get(clusterId);
    if (entry) entry.version = version;
    return client;
  }

  client(connection: TClusterConnection): TClusterClient {
    const fingerprint = fingerprintOf(connection);
    const existing = this.entries.get(connection.clusterId);
    if (existing?.fingerprint === fingerprint) return existing.client;
    existing?.client.kubeConfig.destroy();

    const kubeConfig = new KeepAliveKubeConfig(connection);
    const client: TClusterClient = {
      clusterId: connection.clusterId,
      objects: ClusterObjectApi.forKubeConfig(kubeConfig),
      kubeConfig,
      watch: new Watch(kubeConfig),
    };
    this.entries.set(connection.clusterId, { fingerprint, client });
    return client;
  }

  /** Drops a cluster's client (deleted cluster, or a connection error worth a clean start). */
  evict(clusterId: string): void {
    this.entries.get(clusterId)?.client.kubeConfig.destroy();
    this.entries.delete(clusterId);
  }

  close(): void {
    for (const clusterId of [...this.entries.keys()]) this.evict(clusterId);
  }
}

// A digest rather than the credentials themselves, so the pool keeps no second plain copy.
function fingerprintOf(connection: TClusterConnection): string {
  const { apiUrl, insecureSkipTlsVerify, credentials } = connection;
  return createHash("sha256")
    .update(JSON.stringify([apiUrl, insecureSkipTlsVerify, credentials]))
    .digest("hex");
}
