// Deleting a target: remove what Slipway made on the cluster, then the row (a finalizer).
import { and, eq } from "drizzle-orm";
import { clusterNamespaces, deploymentTargets } from "@/db/schema";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import {
  DONE,
  type TReconcileOutcome,
  type TTargetClusterClient,
  type TTargetReconcileDeps,
} from "./deployment-target-deps";
import type { TTargetForReconcile } from "./load-target-for-reconcile";
import type { KubernetesObject } from "@kubernetes/client-node";

/** How soon to look again while a namespace terminates. */
const TERMINATING_RECHECK_MS = 2_000;

export async function finalizeTarget(
  deps: TTargetReconcileDeps,
  target: TTargetForReconcile,
  client: TTargetClusterClient,
  objects: KubernetesObject[],
): Promise<TReconcileOutcome> {
  // A static target's namespace was the administrator's before Slipway used it: it stays, only
  // what Slipway added to it goes.
  const doomed =
    target.provisioning === "dynamic" ? objects : objects.filter((o) => o.kind !== "Namespace");
  const { remaining } = await deps.deleteObjects(client, doomed);
  if (remaining > 0) return { kind: "requeueAfter", ms: TERMINATING_RECHECK_MS };
  const key = reconcileKey("target", target.id);
  await deps.db.transaction(async (tx) => {
    await tx
      .delete(clusterNamespaces)
      .where(
        and(eq(clusterNamespaces.clusterId, target.clusterId), eq(clusterNamespaces.ownerKey, key)),
      );
    // A claim still referring to it (it cannot be Bound: only unclaimed targets or the targets of
    // deleted claims are deleted) is nulled by the foreign key and learns it is Lost.
    await tx.delete(deploymentTargets).where(eq(deploymentTargets.id, target.id));
    await requestReconcile(
      tx,
      target.claimIds.map((id) => reconcileKey("claim", id)),
    );
  });
  return DONE;
}
