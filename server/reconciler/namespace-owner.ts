// One pass for a row that owns a namespace on a cluster (an environment, a member's workspace), or
// objects in a namespace someone else owns (an environment on a deployment target's namespace):
// refuse a namespace owned by anyone else, apply the desired objects, prune the rest, record them.
// Deletion is in delete-namespace-owner.ts.
import type { KubernetesObject } from "@kubernetes/client-node";
import {
  applyObjects,
  pruneKnownObjects,
  pruneObjects,
  type TPruneResult,
} from "@/server/k8s/apply";
import type { TClusterClient } from "@/server/k8s/client-pool";
import { explainKubernetesError } from "@/server/k8s/explain-error";
import { isNotFound } from "@/server/k8s/kubernetes-error";
import { ownerKey, ownerOfLabels, type TOwner } from "@/server/k8s/labels";
import { MANAGED_KINDS } from "@/server/k8s/managed-kinds";
import {
  connectionOfRow,
  connectionVersion,
  type TConnectionRow,
} from "@/server/services/clusters/cluster-credentials";
import { loadConnectionRow } from "@/server/services/clusters/load-cluster-connection";
import type { TReconcileContext, TReconcileResult } from "./controller";
import {
  loadManagedObjectStates,
  managedObjectWrites,
  type TManagedObjectState,
} from "./managed-objects";
import { failPass, finishPass, type TStatusRow } from "./pass-outcome";
import type { TPassOutcome } from "./status";
import { identity } from "./object-identity";
import { upToDate } from "./up-to-date";
import { toWireShape } from "@/server/k8s/wire-shape";

/** How often a pass checks back on a namespace being made or deleted (its watch event also wakes it). */
export const NAMESPACE_POLL_MS = 2_000;

export interface TNamespaceOwnerPass {
  owner: TOwner;
  row: TStatusRow;
  clusterId: string;
  namespace: string;
  /**
   * Who must own the namespace when it is not `owner` (a deployment target's namespace, in which
   * an environment on a claim puts its objects): the pass then waits for that namespace to exist.
   */
  namespaceOwner?: TOwner;
  /** The owner's managed_object rows when the pass read them with its row (else read here). */
  managed?: TManagedObjectState[];
  /** The cluster's connection columns when the pass read them with its row (else read here). */
  cluster?: TConnectionRow;
}

const namespaceIdentity = (name: string) =>
  identity({ apiVersion: "v1", kind: "Namespace", namespace: "", name });

const sameOwner = (a: TOwner | null, b: TOwner) => a?.kind === b.kind && a.id === b.id;

/** The cluster's pooled client; `row` when the pass read the cluster with its own row. */
export async function clientFor(
  ctx: TReconcileContext,
  clusterId: string,
  row?: TConnectionRow,
): Promise<TClusterClient> {
  const cluster = row ?? (await loadConnectionRow(ctx.db, clusterId));
  return ctx.pool.clientFor(clusterId, connectionVersion(cluster), () => connectionOfRow(cluster));
}

/** The namespace's owner as its labels say; "free" when it does not exist. */
async function currentOwner(client: TClusterClient, name: string): Promise<TOwner | null | "free"> {
  try {
    const ns = await client.objects.read({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name },
    });
    return ownerOfLabels(ns.metadata?.labels);
  } catch (error) {
    if (isNotFound(error)) return "free";
    throw error;
  }
}

/** A prune or cleanup that could not delete everything: a failed pass, retried with backoff. */
export function failDelete(
  ctx: TReconcileContext,
  row: TStatusRow,
  failed: TPruneResult["failed"][number],
): Promise<TReconcileResult> {
  return failPass(
    ctx,
    row,
    failed.error.cause,
    `cannot delete ${failed.ref.kind} ${failed.ref.name}: `,
  );
}

export async function applyNamespaceOwner(
  ctx: TReconcileContext,
  pass: TNamespaceOwnerPass,
  desired: KubernetesObject[],
): Promise<TReconcileResult> {
  const { owner, clusterId, namespace } = pass;
  // Once objects are applied, the row carries their records to whichever outcome ends the pass.
  let row = pass.row;
  const key = ownerKey(owner);
  const namespaceOwner = pass.namespaceOwner ?? owner;
  const ready: TPassOutcome = {
    kind: "ready",
    reason: "Applied",
    message: `${desired.length} objects applied in namespace ${namespace}`,
  };
  const fail = (error: unknown, prefix?: string) => {
    ctx.expectApplied(clusterId, key, null);
    return failPass(ctx, row, error, prefix);
  };
  // The builders give client-node's typed shape; watches deliver the wire shape.
  const wire = desired.map(toWireShape);
  try {
    const observed = ctx.observed(clusterId, key);
    let rows = pass.managed;
    const managed = async () => (rows ??= await loadManagedObjectStates(ctx.db, key));
    // Up to date needs the watch to see exactly the desired objects; otherwise skip the read.
    if (observed?.size === desired.length) {
      if (upToDate(wire, await managed(), observed)) {
        ctx.expectApplied(clusterId, key, wire);
        return finishPass(ctx, row, ready, { kind: "done" });
      }
    }
    const client = await clientFor(ctx, clusterId, pass.cluster);
    // The watch already shows a namespace this owner made; only otherwise ask the cluster.
    const current = observed?.has(namespaceIdentity(namespace))
      ? owner
      : await currentOwner(client, namespace);
    if (current === "free" && pass.namespaceOwner) {
      return finishPass(
        ctx,
        row,
        {
          kind: "progressing",
          reason: "WaitingForNamespace",
          message: `waiting for namespace "${namespace}" of the ${namespaceOwner.kind} to be made`,
        },
        { kind: "requeueAfter", ms: NAMESPACE_POLL_MS },
      );
    }
    if (current !== "free" && !sameOwner(current, namespaceOwner)) {
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
    // Before the requests go out: their watch events may arrive before the applies return.
    ctx.expectApplied(clusterId, key, wire);
    const results = await applyObjects(client, desired, { wire });
    const recorded = managedObjectWrites(
      key,
      clusterId,
      results,
      (e) => explainKubernetesError(e.cause).message,
      await managed(),
    );
    row = { ...row, alongside: [...(row.alongside ?? []), ...recorded] };
    const failed = results.find((r) => r.error !== undefined);
    if (failed?.error) {
      return fail(failed.error.cause, `${failed.desired.kind} ${failed.desired.metadata?.name}: `);
    }
    // Nothing to prune in a namespace this pass made (all of an owner's objects live in its
    // namespace). Else prune from the watch cache when it is in sync; list only when it cannot say.
    const pruned =
      current === "free"
        ? { deleted: [], failed: [] }
        : observed
          ? await pruneKnownObjects(client, [...observed.values()], desired)
          : await pruneObjects(client, owner, desired, MANAGED_KINDS);
    const [failedPrune] = pruned.failed;
    if (failedPrune) {
      ctx.expectApplied(clusterId, key, null);
      return failDelete(ctx, row, failedPrune);
    }
    return finishPass(ctx, row, ready, { kind: "done" });
  } catch (error) {
    return fail(error);
  }
}
