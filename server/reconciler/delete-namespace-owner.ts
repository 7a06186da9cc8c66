// Deleting a row that owns objects on a cluster (finalizer-style): ask for everything it made to
// go, say how much is left while the namespace terminates, and delete the row (with its
// managed_object, cluster_namespace and event rows) only once the cluster confirms nothing is left.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusterNamespaces, managedObjects } from "@/db/schema";
import { deleteOwnedObjects } from "@/server/k8s/apply";
import { ownerKey } from "@/server/k8s/labels";
import { MANAGED_KINDS } from "@/server/k8s/managed-kinds";
import type { TReconcileContext, TReconcileResult } from "./controller";
import { deleteReconcileEvents } from "./events";
import { markManagedObjectsDeleting } from "./managed-objects";
import {
  clientFor,
  failDelete,
  NAMESPACE_POLL_MS,
  type TNamespaceOwnerPass,
} from "./namespace-owner";
import { failPass, finishPass } from "./pass-outcome";

/** Deletes everything the owner made; `deleteRow` runs (in a transaction) once the cluster confirms. */
export async function deleteNamespaceOwner(
  ctx: TReconcileContext,
  pass: Omit<TNamespaceOwnerPass, "namespace" | "clusterId"> & { clusterId: string | null },
  deleteRow: (tx: Db) => Promise<void>,
): Promise<TReconcileResult> {
  const { owner, row, clusterId } = pass;
  const key = ownerKey(owner);
  try {
    if (clusterId) {
      // Every event of its objects now matters: their deletions are what this pass waits for.
      ctx.expectApplied(clusterId, key, null);
      const { failed, remaining } = await deleteOwnedObjects(
        await clientFor(ctx, clusterId),
        owner,
        MANAGED_KINDS,
      );
      if (remaining > 0) await markManagedObjectsDeleting(ctx.db, key);
      if (failed[0]) return failDelete(ctx, row, failed[0]);
      if (remaining > 0) {
        return finishPass(
          ctx,
          row,
          {
            kind: "progressing",
            reason: "Deleting",
            message: `waiting for ${remaining} objects to be deleted`,
          },
          { kind: "requeueAfter", ms: NAMESPACE_POLL_MS },
        );
      }
    }
    await ctx.db.transaction(async (tx) => {
      await tx.delete(managedObjects).where(eq(managedObjects.ownerKey, key));
      await tx.delete(clusterNamespaces).where(eq(clusterNamespaces.ownerKey, key));
      await deleteRow(tx);
      await deleteReconcileEvents(tx, key);
    });
    ctx.log.info({ ownerKey: key }, "deleted after the cluster confirmed");
    return { kind: "done" };
  } catch (error) {
    return failPass(ctx, row, error);
  }
}
