// binding/<id>: the Argo CD Applications (one per component of the bound snapshot) and repository
// Secrets a binding asks for, in the Argo CD namespace of the environment's cluster; the status
// Argo CD reports copied into the binding's GitOps deployments, rolled up as
// AllComponentsDeployed; and its manual deployments' sync runs carried a step further (written as
// the Application's operation, followed through Argo CD's operationState, cancelled), since the
// Application watch that wakes this key is where Argo CD's progress shows. Kargo's shape: load →
// not found is a no-op → deletion → reconcile → always write status.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { applications, managedObjects, snapshotEnvironmentBindings } from "@/db/schema";
import { applyObjects, deleteOwnedObjects, pruneObjects } from "@/server/k8s/apply";
import { explainKubernetesError } from "@/server/k8s/explain-error";
import { ownerKey, type TOwner } from "@/server/k8s/labels";
import { ARGO_KINDS } from "@/server/k8s/managed-kinds";
import { isReady } from "@/lib/conditions";
import { openSecret } from "@/server/crypto/secret-box";
import { activePromotionOf } from "@/server/services/promotions/promotion-row";
import { startAutomatedPromotion } from "./start-automated-promotion";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import { advanceSyncRuns } from "./advance-sync-runs";
import { isDeployed } from "./argo-application-status";
import { DONE, type Reconciler, type TReconcileContext, type TReconcileResult } from "./controller";
import { loadBindingForPass } from "./load-binding-for-pass";
import { markManagedObjectsDeleting, recordManagedObjects } from "./managed-objects";
import { clientFor, failDelete, NAMESPACE_POLL_MS } from "./namespace-owner";
import { failPass, finishPass, type TStatusRow } from "./pass-outcome";
import { argoPlacement } from "./argo-placement";
import { orphanOwnedApplications } from "./orphan-applications";
import { planBinding } from "./plan-binding";
import { recordDeployments, type TRecordedDeployment } from "./record-deployments";
import type { TExtraCondition } from "./status";

type TFound = NonNullable<Awaited<ReturnType<typeof loadBindingForPass>>>;

function placementOf(cluster: NonNullable<TFound["cluster"]>, found: TFound) {
  return argoPlacement({ ...cluster, argoCdNamespace: found.argoCdNamespace }, found.hub);
}

/** "2 of 3 components deployed" (Synced and Healthy in Argo CD). */
export function allComponentsDeployed(
  deployments: readonly Pick<TRecordedDeployment, "syncStatus" | "healthStatus">[],
  missing: readonly string[],
): TExtraCondition {
  const total = deployments.length + missing.length;
  const deployed = deployments.filter(isDeployed).length;
  const all = total > 0 && deployed === total;
  const gone = missing.length > 0 ? `; not in the application any more: ${missing.join(", ")}` : "";
  return {
    type: "AllComponentsDeployed",
    status: all ? "True" : "False",
    reason: all ? "Deployed" : "NotAllDeployed",
    message: `${deployed} of ${total} components deployed${gone}`,
  };
}

/**
 * Finalizer: the binding's Applications and Secrets go first, then the row (its deployments
 * cascade) with its managed-object rows.
 */
async function deleteBinding(
  ctx: TReconcileContext,
  found: TFound,
  row: TStatusRow,
  owner: TOwner,
): Promise<TReconcileResult> {
  const placement = found.cluster ? placementOf(found.cluster, found) : undefined;
  // Nothing was ever written where no Argo CD runs and no deployment was recorded.
  const wroteNothing = !placement?.argoCdNamespace && found.deployments.length === 0;
  if (placement && !wroteNothing) {
    try {
      const client = await clientFor(ctx, placement.cluster.id, placement.cluster);
      const result = await deleteOwnedObjects(client, owner, ARGO_KINDS);
      if (result.remaining > 0) await markManagedObjectsDeleting(ctx.db, ownerKey(owner));
      const [failed] = result.failed;
      if (failed) return failDelete(ctx, row, failed);
      if (result.remaining > 0) {
        return finishPass(
          ctx,
          row,
          {
            kind: "progressing",
            reason: "Deleting",
            message: `waiting for ${result.remaining} Argo CD objects to be deleted`,
          },
          { kind: "requeueAfter", ms: NAMESPACE_POLL_MS },
        );
      }
    } catch (error) {
      return failPass(ctx, row, error);
    }
  }
  const { id, applicationId } = found.binding;
  await ctx.db.transaction(async (tx) => {
    await tx.delete(managedObjects).where(eq(managedObjects.ownerKey, ownerKey(owner)));
    await tx.delete(snapshotEnvironmentBindings).where(eq(snapshotEnvironmentBindings.id, id));
    // An application whose deletion waited for its bindings goes with the last of them.
    await tx.delete(applications).where(
      and(
        eq(applications.id, applicationId),
        isNotNull(applications.deletionRequestedAt),
        sql`not exists (select 1 from ${snapshotEnvironmentBindings}
            where ${snapshotEnvironmentBindings.applicationId} = ${applicationId})`,
      ),
    );
  });
  return DONE;
}

/**
 * A hub set, changed or removed moves the binding's Applications to another Argo CD: those left on
 * the former one go first (without their resources finalizer, so the workload stays up), so two
 * Argo CDs never deploy the same component. Undefined when none
 * are left; otherwise how this pass ends.
 */
async function removeFromFormerArgoCd(
  ctx: TReconcileContext,
  found: TFound,
  owner: TOwner,
  argoCdClusterId: string,
): Promise<TReconcileResult | undefined> {
  const former = new Set(found.deployments.map((d) => d.argoCdClusterId));
  former.delete(argoCdClusterId);
  const row: TStatusRow = {
    kind: "binding",
    id: found.binding.id,
    generation: found.binding.generation,
    status: found.binding.status,
  };
  for (const clusterId of former) {
    if (!clusterId) continue;
    if (!(await ctx.holdCluster(clusterId))) return { kind: "requeueAfter", ms: NAMESPACE_POLL_MS };
    const client = await clientFor(ctx, clusterId);
    // Non-cascading: what the former Argo CD deployed stays for the new one to adopt.
    await orphanOwnedApplications(client, owner);
    const result = await deleteOwnedObjects(client, owner, ARGO_KINDS);
    const [failed] = result.failed;
    if (failed) return failDelete(ctx, row, failed);
  }
  return undefined;
}

export async function reconcileBinding(ctx: TReconcileContext): Promise<TReconcileResult> {
  const found = await loadBindingForPass(ctx.db, ctx.id);
  if (!found) return DONE;
  const placement = found.cluster ? placementOf(found.cluster, found) : undefined;
  // The pass writes only where Argo CD runs (the hub, in hub topology): that cluster's lease.
  if (placement && !(await ctx.holdCluster(placement.cluster.id))) return DONE;
  const result = await passBinding(ctx, found, placement);
  await wakePromotions(ctx, found.binding.applicationId);
  return result;
}

/**
 * A binding's pass may be what a promotion waits for: wake the application's active run, or, with
 * none, start the next automated promotion this deployment makes due.
 */
async function wakePromotions(ctx: TReconcileContext, applicationId: string): Promise<void> {
  const active = await activePromotionOf(ctx.db, applicationId);
  if (active) ctx.enqueue(reconcileKey("promotion", active.id));
  else await startAutomatedPromotion(ctx.db, applicationId);
}

async function passBinding(
  ctx: TReconcileContext,
  found: TFound,
  placement: ReturnType<typeof placementOf> | undefined,
): Promise<TReconcileResult> {
  const { binding, environment } = found;
  const owner: TOwner = { kind: "binding", id: binding.id };
  const row: TStatusRow = {
    kind: "binding",
    id: binding.id,
    generation: binding.generation,
    status: binding.status,
  };
  if (binding.deletionRequestedAt) return deleteBinding(ctx, found, row, owner);
  if (!placement || !environment.namespace) {
    return finishPass(
      ctx,
      row,
      { kind: "stalled", reason: "NoPlacement", message: "the environment names no cluster" },
      DONE,
    );
  }
  const { argoCdNamespace, destinationServer } = placement;
  if (!argoCdNamespace) {
    return finishPass(
      ctx,
      row,
      {
        kind: "stalled",
        reason: "NoArgoCd",
        message: `cluster "${placement.cluster.name}" runs no Argo CD: an admin sets its Argo CD namespace`,
      },
      DONE,
    );
  }
  // Argo CD would deploy into a namespace that is not there yet (or no longer the environment's):
  // wait. The environment wakes its bindings when it becomes Ready (wake-dependents.ts).
  if (!isReady(environment.status, environment.generation)) {
    return finishPass(
      ctx,
      row,
      {
        kind: "progressing",
        reason: "EnvironmentNotReady",
        message: `waiting for environment ${environment.name} to be Ready`,
      },
      DONE,
    );
  }
  try {
    const plan = planBinding({
      bindingId: binding.id,
      spaceName: found.spaceName,
      applicationName: found.applicationName,
      environmentName: environment.name,
      namespace: environment.namespace,
      argoCdNamespace,
      destinationServer,
      components: found.components,
      images: found.images,
      configuration: binding.components,
      credentials: found.credentials,
      members: found.members,
      open: openSecret,
    });
    const left = await removeFromFormerArgoCd(ctx, found, owner, placement.cluster.id);
    if (left) return left;
    const client = await clientFor(ctx, placement.cluster.id, placement.cluster);
    const results = await applyObjects(client, plan.objects);
    const recorded = await recordDeployments(
      ctx.db,
      {
        bindingId: binding.id,
        argoCdClusterId: placement.cluster.id,
        recorded: found.deployments,
      },
      plan.deployments,
      results,
    );
    // Applications are recorded as GitOps deployments above; the repository Secrets (redacted)
    // as the binding's managed objects, so its page shows them and why one failed.
    await recordManagedObjects(
      ctx.db,
      ownerKey(owner),
      placement.cluster.id,
      results.filter((r) => r.desired.kind === "Secret"),
      (e) => explainKubernetesError(e.cause).message,
      found.managed,
    );
    const rollup = allComponentsDeployed(recorded, plan.missing);
    const appliedByComponent = new Map(
      plan.deployments.flatMap((d) => {
        const applied = results.find((r) => r.desired === d.application)?.applied;
        return applied ? [[d.componentName, applied] as const] : [];
      }),
    );
    await advanceSyncRuns(ctx.db, client, found.syncRuns, appliedByComponent);
    const failed = results.find((r) => r.error !== undefined);
    if (failed?.error) {
      const what = `${failed.desired.kind} ${failed.desired.metadata?.name}: `;
      return failPass(ctx, row, failed.error.cause, what);
    }
    const pruned = await pruneObjects(client, owner, plan.objects, ARGO_KINDS, argoCdNamespace);
    const [failedPrune] = pruned.failed;
    if (failedPrune) return failDelete(ctx, row, failedPrune);
    return finishPass(
      ctx,
      row,
      {
        kind: "ready",
        reason: "Applied",
        message: `${plan.deployments.length} Argo CD Applications applied in namespace ${argoCdNamespace}`,
      },
      DONE,
      [rollup],
    );
  } catch (error) {
    return failPass(ctx, row, error);
  }
}

export const bindingReconciler: Reconciler = {
  kind: "binding",
  reconcile: (_key, ctx) => reconcileBinding(ctx),
  listKeys: async (db) =>
    (await db.select({ id: snapshotEnvironmentBindings.id }).from(snapshotEnvironmentBindings)).map(
      (r) => reconcileKey("binding", r.id),
    ),
};
