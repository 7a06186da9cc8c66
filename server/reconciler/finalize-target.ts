// Deleting a target: remove what Slipway made on the cluster, then the row (a finalizer).
import { and, eq } from "drizzle-orm";
import { clusterNamespaces, deploymentTargets } from "@/db/schema";
import { deleteOwnedObjects } from "@/server/k8s/apply";
import type { TClusterClient } from "@/server/k8s/client-pool";
import { MANAGED_KINDS, NAMESPACE_KIND } from "@/server/k8s/managed-kinds";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import { DONE, type TReconcileResult } from "./controller";
import type { TTargetReconcileDeps } from "./deployment-target-deps";
import type { TTargetForReconcile } from "./load-target-for-reconcile";

/** How soon to look again while a namespace terminates. */
const TERMINATING_RECHECK_MS = 2_000;

export async function finalizeTarget(
  deps: TTargetReconcileDeps,
  target: TTargetForReconcile,
  client: TClusterClient,
): Promise<TReconcileResult> {
  // A static target's namespace was the administrator's before Slipway used it: it stays, only
  // what Slipway added to it goes.
  const kinds =
    target.provisioning === "dynamic"
      ? MANAGED_KINDS
      : MANAGED_KINDS.filter((kind) => kind !== NAMESPACE_KIND);
  const { failed, remaining } = await deleteOwnedObjects(
    client,
    { kind: "target", id: target.id },
    kinds,
  );
  // A refused delete is retried with backoff rather than re-checked every few seconds.
  if (failed[0]) return { kind: "error", error: failed[0].error };
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
