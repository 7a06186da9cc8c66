// Runs the connectivity probe for one cluster and records what it found: `probe` and the status
// conditions (Ready True only when reachable and every needed permission holds). Called on save,
// on "Check now", and periodically by the reconciler (key cluster/<id>).
import { and, eq } from "drizzle-orm";
import type { KubeConfig } from "@kubernetes/client-node";
import type { Db } from "@/db/client";
import { clusters, type TClusterProbe } from "@/db/schema";
import { setCondition, type TReconcileStatus } from "@/lib/conditions";
import { probeCluster, type TProbeOutcome } from "@/server/k8s/cluster-probe";
import type { TClusterConnection } from "@/server/k8s/connection";
import { AppError } from "../errors";
import { connectionOfRow } from "./cluster-credentials";
import type { TClusterRow } from "./cluster-row";

/** H2's ClusterClientPool fits this; with it the probe reuses the cluster's keep-alive agent. */
export interface TProbeClientSource {
  client(conn: TClusterConnection): { kubeConfig: KubeConfig };
}

async function probeRow(row: TClusterRow, pool?: TProbeClientSource): Promise<TProbeOutcome> {
  let conn: TClusterConnection;
  try {
    conn = connectionOfRow(row);
  } catch (error) {
    const message = `the stored credentials cannot be opened: ${error instanceof Error ? error.message : String(error)}`;
    const probe: TClusterProbe = { checkedAt: new Date().toISOString(), error: message };
    return { probe, ready: false, reason: "CredentialsUnreadable", message };
  }
  return probeCluster(conn, {
    namespaces: row.namespaces,
    clusterResources: row.clusterResources,
    // In hub topology the hub's Argo CD deploys here, and its credentials write members' roles.
    argoCdNamespace: row.hubClusterId ? null : row.argoCdNamespace,
    kubeConfig: pool?.client(conn).kubeConfig,
  });
}

export function statusAfterProbe(
  row: TClusterRow,
  outcome: TProbeOutcome,
  now: Date,
): TReconcileStatus {
  const generation = row.generation;
  let conditions = setCondition(
    row.status.conditions,
    {
      type: "Ready",
      status: outcome.ready ? "True" : "False",
      reason: outcome.reason,
      message: outcome.message,
      observedGeneration: generation,
    },
    now,
  );
  conditions = setCondition(
    conditions,
    {
      type: "Reconciling",
      status: "False",
      reason: "Checked",
      message: "",
      observedGeneration: generation,
    },
    now,
  );
  const stalled = !outcome.ready;
  conditions = setCondition(
    conditions,
    {
      type: "Stalled",
      status: stalled ? "True" : "False",
      reason: stalled ? outcome.reason : "Reachable",
      message: stalled ? outcome.message : "",
      observedGeneration: generation,
    },
    now,
  );
  return {
    conditions,
    observedGeneration: generation,
    lastReconciledAt: now.toISOString(),
    ...(outcome.ready ? {} : { lastError: outcome.message }),
  };
}

export async function checkCluster(
  db: Db,
  clusterId: string,
  pool?: TProbeClientSource,
): Promise<TProbeOutcome> {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, clusterId));
  if (!row) throw new AppError("NOT_FOUND", `Cluster ${clusterId} was not found.`);
  const outcome = await probeRow(row, pool);
  const status = statusAfterProbe(row, outcome, new Date());
  // Only if nobody changed the row meanwhile: a probe of old credentials must not mark new ones.
  await db
    .update(clusters)
    .set({ probe: outcome.probe, status })
    .where(and(eq(clusters.id, clusterId), eq(clusters.generation, row.generation)));
  return outcome;
}
