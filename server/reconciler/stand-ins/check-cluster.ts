// stand-in until clusters lands (server/services/clusters/check-cluster.ts): asks /version and
// writes the probe and status (the real one also checks Argo CD and permissions).
import { VersionApi } from "@kubernetes/client-node";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters } from "@/db/schema";
import { nextStatus, writeStatus, type TPassOutcome } from "../status";
import { ClusterClientPool } from "./client-pool";
import { explainKubernetesError } from "./explain-error";
import { loadClusterConnection } from "./load-cluster-connection";

export async function checkCluster(db: Db, clusterId: string, pool = new ClusterClientPool()) {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, clusterId));
  if (!row) return;
  const now = new Date();
  let outcome: TPassOutcome;
  let serverVersion: string | undefined;
  try {
    const client = pool.client(await loadClusterConnection(db, clusterId));
    serverVersion = (await client.kubeConfig.makeApiClient(VersionApi).getCode()).gitVersion;
    outcome = { kind: "ready", reason: "Connected", message: `Kubernetes ${serverVersion}` };
  } catch (error) {
    const explained = explainKubernetesError(error);
    outcome = { kind: "failed", ...explained, nextRetryAt: new Date(now.getTime() + 60_000) };
  }
  const status = nextStatus(row.status, row.generation, outcome, now);
  await writeStatus(db, "cluster", clusterId, row.status, status);
}
