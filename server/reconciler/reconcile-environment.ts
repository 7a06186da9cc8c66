// environment/<id>: the environment's namespace, quota, limits, network policies, variables and
// role bindings on its cluster, in step with the row and the space's members. Kargo's shape: load →
// not found is a no-op → deletion → reconcile → always write status.
import type { KubernetesObject } from "@kubernetes/client-node";
import { and, eq, isNull } from "drizzle-orm";
import { environments, environmentWorkspaces } from "@/db/schema";
import { DEFAULT_CONTAINER_LIMITS, DEFAULT_QUOTA, quotaToHard } from "@/lib/environment-defaults";
import { ownerKey, type TOwner } from "@/server/k8s/labels";
import { buildEnvironmentObjects } from "@/server/k8s/manifests/environment-objects";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import { placeOnClaim } from "./claim-placement";
import type { Reconciler, TReconcileContext, TReconcileResult } from "./controller";
import { deleteNamespaceOwner } from "./delete-namespace-owner";
import { applyNamespaceOwner } from "./namespace-owner";
import { loadEnvironmentForPass } from "./load-environment-for-pass";
import { markManagedObjectsMissing } from "./managed-objects";
import { finishPass, type TStatusRow } from "./pass-outcome";

type TEnvironmentRow = typeof environments.$inferSelect;

async function deleteEnvironment(ctx: TReconcileContext, env: TEnvironmentRow, row: TStatusRow) {
  const owner = { kind: "environment" as const, id: env.id };
  // Workspaces reference the environment: they go first, each through its own reconcile.
  const workspaces = await ctx.db
    .select({ id: environmentWorkspaces.id, deletion: environmentWorkspaces.deletionRequestedAt })
    .from(environmentWorkspaces)
    .where(eq(environmentWorkspaces.environmentId, env.id));
  if (workspaces.length > 0) {
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(environmentWorkspaces)
        .set({ deletionRequestedAt: ctx.now() })
        .where(
          and(
            eq(environmentWorkspaces.environmentId, env.id),
            isNull(environmentWorkspaces.deletionRequestedAt),
          ),
        );
      await requestReconcile(
        tx,
        workspaces.map((w) => reconcileKey("workspace", w.id)),
      );
    });
    return finishPass(
      ctx,
      row,
      {
        kind: "progressing",
        reason: "DeletingWorkspaces",
        message: `waiting for ${workspaces.length} workspaces to be deleted`,
      },
      { kind: "requeueAfter", ms: 2_000 },
    );
  }
  return deleteNamespaceOwner(ctx, { owner, row, clusterId: env.clusterId }, async (tx) => {
    await tx.delete(environments).where(eq(environments.id, env.id));
  });
}

export async function reconcileEnvironment(ctx: TReconcileContext): Promise<TReconcileResult> {
  const found = await loadEnvironmentForPass(ctx.db, ctx.id);
  if (!found) return { kind: "done" };
  const { env, spaceName, members, managed, cluster } = found;
  if (env.clusterId && !(await ctx.holdCluster(env.clusterId))) return { kind: "done" };
  const row: TStatusRow = {
    kind: "environment",
    id: env.id,
    generation: env.generation,
    status: env.status,
  };
  if (env.deletionRequestedAt) return deleteEnvironment(ctx, env, row);
  let namespaceOwner: TOwner | undefined;
  if (env.claimId) {
    const placement = await placeOnClaim(ctx.db, { ...env, claimId: env.claimId });
    if (placement.kind === "waiting") {
      // Its objects went with the lost target's namespace: the page must not show them applied.
      if (placement.objectsGone && managed.some((o) => o.health !== "Missing")) {
        await markManagedObjectsMissing(
          ctx.db,
          ownerKey({ kind: "environment", id: env.id }),
          placement.outcome.message,
        );
      }
      const placed = { ...row, generation: placement.generation };
      return finishPass(ctx, placed, placement.outcome, { kind: "done" });
    }
    namespaceOwner = placement.namespaceOwner;
  }
  if (!env.clusterId || !env.namespace) {
    return finishPass(
      ctx,
      row,
      { kind: "stalled", reason: "NoPlacement", message: "the environment names no cluster" },
      { kind: "done" },
    );
  }
  const desired = buildEnvironmentObjects({
    environmentId: env.id,
    spaceName,
    environmentName: env.name,
    environmentType: env.type,
    namespace: env.namespace,
    quota: { ...quotaToHard(DEFAULT_QUOTA[env.type]), ...env.quota },
    containerLimits: env.containerLimits ?? DEFAULT_CONTAINER_LIMITS[env.type],
    members,
    variables: env.variables,
    tags: env.tags,
  });
  return applyNamespaceOwner(
    ctx,
    {
      owner: { kind: "environment", id: env.id },
      row,
      clusterId: env.clusterId,
      namespace: env.namespace,
      namespaceOwner,
      managed,
      cluster: cluster ?? undefined,
    },
    namespaceOwner ? withoutTargetsObjects(desired) : desired,
  );
}

/**
 * In a deployment target's namespace the target owns the Namespace and its quota (from its class's
 * parameters, under the same name): the environment adds container defaults, isolation, its
 * variables and the members' bindings. Applying those two as well would make the environment and
 * the target take the same objects from each other on every pass.
 */
function withoutTargetsObjects(objects: KubernetesObject[]): KubernetesObject[] {
  return objects.filter((o) => o.kind !== "Namespace" && o.kind !== "ResourceQuota");
}

export const environmentReconciler: Reconciler = {
  kind: "environment",
  reconcile: (_key, ctx) => reconcileEnvironment(ctx),
  listKeys: async (db) =>
    (await db.select({ id: environments.id }).from(environments)).map((r) =>
      reconcileKey("environment", r.id),
    ),
};
