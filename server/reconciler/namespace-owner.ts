// One pass for a row that owns a namespace on a cluster (an environment, a member's workspace):
// refuse a namespace Slipway does not own, apply the desired objects, prune the rest, record them,
// and on deletion remove everything and wait until the cluster confirms before deleting the row.
import type { KubernetesObject } from "@kubernetes/client-node";
import { ApiException } from "@kubernetes/client-node";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusterNamespaces, managedObjects } from "@/db/schema";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import type { TReconcileContext, TReconcileResult } from "./controller";
import { deleteReconcileEvents } from "./events";
import { markManagedObjectsDeleting, recordManagedObjects } from "./managed-objects";
import { failPass, finishPass, type TStatusRow } from "./pass-outcome";
import type { TPassOutcome } from "./status";
import { upToDate } from "./up-to-date";
import { applyObjects, deleteOwnedObjects, pruneObjects } from "./stand-ins/apply";
import type { TClusterClient } from "./stand-ins/client-pool";
import { explainKubernetesError } from "./stand-ins/explain-error";
import { ownerOfLabels, type TOwner } from "./stand-ins/labels";
import { loadClusterConnection } from "./stand-ins/load-cluster-connection";
import { MANAGED_KINDS } from "./stand-ins/managed-kinds";

/** How often a deletion checks back while the namespace terminates (its DELETED event also wakes it). */
const DELETION_POLL_MS = 2_000;

export interface TNamespaceOwnerPass {
  owner: TOwner;
  row: TStatusRow;
  clusterId: string;
  namespace: string;
}

const ownerKeyOf = (owner: TOwner) => reconcileKey(owner.kind, owner.id);

async function clientFor(ctx: TReconcileContext, clusterId: string): Promise<TClusterClient> {
  return ctx.pool.client(await loadClusterConnection(ctx.db, clusterId));
}

/** The namespace's owner as its labels say; "free" when it does not exist. */
async function namespaceOwner(
  client: TClusterClient,
  name: string,
): Promise<TOwner | null | "free"> {
  try {
    const ns = await client.objects.read({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name },
    });
    return ownerOfLabels(ns.metadata?.labels);
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return "free";
    throw error;
  }
}

export async function applyNamespaceOwner(
  ctx: TReconcileContext,
  pass: TNamespaceOwnerPass,
  desired: KubernetesObject[],
): Promise<TReconcileResult> {
  const { owner, row, clusterId, namespace } = pass;
  const ready: TPassOutcome = {
    kind: "ready",
    reason: "Applied",
    message: `${desired.length} objects applied in namespace ${namespace}`,
  };
  try {
    const observed = ctx.observed(clusterId, ownerKeyOf(owner));
    if (observed) {
      const rows = await ctx.db
        .select()
        .from(managedObjects)
        .where(eq(managedObjects.ownerKey, ownerKeyOf(owner)));
      if (upToDate(desired, rows, observed)) return finishPass(ctx, row, ready, { kind: "done" });
    }
    const client = await clientFor(ctx, clusterId);
    const current = await namespaceOwner(client, namespace);
    if (current !== "free" && (current?.kind !== owner.kind || current.id !== owner.id)) {
      return finishPass(
        ctx,
        row,
        {
          kind: "stalled",
          reason: "NamespaceNotManaged",
          message: `namespace "${namespace}" exists and is not managed by Slipway for this ${owner.kind}`,
        },
        { kind: "done" },
      );
    }
    const results = await applyObjects(client, desired);
    await recordManagedObjects(
      ctx.db,
      ownerKeyOf(owner),
      clusterId,
      results,
      (e) => explainKubernetesError(e).message,
    );
    const failed = results.find((r) => r.error !== undefined);
    if (failed) {
      const what = `${failed.desired.kind} ${failed.desired.metadata?.name}: `;
      return failPass(ctx, row, failed.error, what);
    }
    await pruneObjects(client, owner, desired, MANAGED_KINDS);
    return finishPass(ctx, row, ready, { kind: "done" });
  } catch (error) {
    return failPass(ctx, row, error);
  }
}

/** Deletes everything the owner made; `deleteRow` runs (in a transaction) once the cluster confirms. */
export async function deleteNamespaceOwner(
  ctx: TReconcileContext,
  pass: Omit<TNamespaceOwnerPass, "namespace" | "clusterId"> & { clusterId: string | null },
  deleteRow: (tx: Db) => Promise<void>,
): Promise<TReconcileResult> {
  const { owner, row, clusterId } = pass;
  const ownerKey = ownerKeyOf(owner);
  try {
    if (clusterId) {
      const { remaining } = await deleteOwnedObjects(
        await clientFor(ctx, clusterId),
        owner,
        MANAGED_KINDS,
      );
      if (remaining > 0) {
        await markManagedObjectsDeleting(ctx.db, ownerKey);
        return finishPass(
          ctx,
          row,
          {
            kind: "progressing",
            reason: "Deleting",
            message: `waiting for ${remaining} objects to be deleted`,
          },
          { kind: "requeueAfter", ms: DELETION_POLL_MS },
        );
      }
    }
    await ctx.db.transaction(async (tx) => {
      await tx.delete(managedObjects).where(eq(managedObjects.ownerKey, ownerKey));
      await tx.delete(clusterNamespaces).where(eq(clusterNamespaces.ownerKey, ownerKey));
      await deleteRow(tx);
      await deleteReconcileEvents(tx, ownerKey);
    });
    ctx.log.info({ ownerKey }, "deleted after the cluster confirmed");
    return { kind: "done" };
  } catch (error) {
    return failPass(ctx, row, error);
  }
}
