// workspace/<id>: a member's personal namespace of a dev environment, on the environment's cluster,
// with the environment's quota and limits and the member as its admin.
import { eq } from "drizzle-orm";
import { environments, environmentWorkspaces, spaces, users } from "@/db/schema";
import { DEFAULT_CONTAINER_LIMITS, DEFAULT_QUOTA, quotaToHard } from "@/lib/environment-defaults";
import { buildWorkspaceObjects } from "@/server/k8s/manifests/workspace-objects";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import type { Reconciler, TReconcileContext, TReconcileResult } from "./controller";
import { deleteNamespaceOwner } from "./delete-namespace-owner";
import { applyNamespaceOwner } from "./namespace-owner";
import { finishPass, type TStatusRow } from "./pass-outcome";

export async function reconcileWorkspace(ctx: TReconcileContext): Promise<TReconcileResult> {
  const [found] = await ctx.db
    .select({ workspace: environmentWorkspaces, env: environments, spaceName: spaces.name })
    .from(environmentWorkspaces)
    .innerJoin(environments, eq(environments.id, environmentWorkspaces.environmentId))
    .innerJoin(spaces, eq(spaces.id, environments.spaceId))
    .where(eq(environmentWorkspaces.id, ctx.id));
  if (!found) return { kind: "done" };
  const { workspace, env, spaceName } = found;
  const owner = { kind: "workspace" as const, id: workspace.id };
  const row: TStatusRow = {
    kind: "workspace",
    id: workspace.id,
    generation: workspace.generation,
    status: workspace.status,
  };
  if (workspace.deletionRequestedAt) {
    return deleteNamespaceOwner(ctx, { owner, row, clusterId: env.clusterId }, async (tx) => {
      await tx.delete(environmentWorkspaces).where(eq(environmentWorkspaces.id, workspace.id));
    });
  }
  const [user] = await ctx.db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, workspace.userId));
  if (!env.clusterId || !user?.email) {
    const message = env.clusterId
      ? "the member has no verified e-mail address to bind on the cluster"
      : "waiting for the environment's cluster";
    return finishPass(
      ctx,
      row,
      { kind: "stalled", reason: "NotBindable", message },
      { kind: "done" },
    );
  }
  const desired = buildWorkspaceObjects({
    workspaceId: workspace.id,
    namespace: workspace.namespace,
    spaceName,
    environmentName: env.name,
    quota: { ...quotaToHard(DEFAULT_QUOTA[env.type]), ...env.quota },
    containerLimits: env.containerLimits ?? DEFAULT_CONTAINER_LIMITS[env.type],
    memberEmail: user.email,
    // When the environment forbids contributors their own instance they work in the environment's
    // own namespace (openWorkspace sends them there; its contributors binding gives them `edit`),
    // so no personal workspace is shared.
    sharedWithContributors: [],
  });
  return applyNamespaceOwner(
    ctx,
    { owner, row, clusterId: env.clusterId, namespace: workspace.namespace },
    desired,
  );
}

export const workspaceReconciler: Reconciler = {
  kind: "workspace",
  reconcile: (_key, ctx) => reconcileWorkspace(ctx),
  listKeys: async (db) =>
    (await db.select({ id: environmentWorkspaces.id }).from(environmentWorkspaces)).map((r) =>
      reconcileKey("workspace", r.id),
    ),
  clusterOf: async (db, id) =>
    (
      await db
        .select({ clusterId: environments.clusterId })
        .from(environmentWorkspaces)
        .innerJoin(environments, eq(environments.id, environmentWorkspaces.environmentId))
        .where(eq(environmentWorkspaces.id, id))
    )[0]?.clusterId ?? null,
};
