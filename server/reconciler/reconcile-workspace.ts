// workspace/<id>: a member's personal namespace of a dev environment, on the environment's cluster,
// with the environment's quota and limits and the member as its only admin.
import { and, eq, isNotNull } from "drizzle-orm";
import { environments, environmentWorkspaces, spaces, users } from "@/db/schema";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import type { Reconciler, TReconcileContext, TReconcileResult } from "./controller";
import { applyNamespaceOwner, deleteNamespaceOwner } from "./namespace-owner";
import { finishPass, type TStatusRow } from "./pass-outcome";
import { environmentDefaults } from "./stand-ins/environment-defaults";
import { buildWorkspaceObjects } from "./stand-ins/environment-manifests";

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
    .where(and(eq(users.id, workspace.userId), isNotNull(users.emailVerified)));
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
  const defaults = environmentDefaults(env.type);
  const desired = buildWorkspaceObjects({
    owner,
    namespace: workspace.namespace,
    spaceName,
    environmentName: env.name,
    quota: { ...defaults.quota, ...env.quota },
    containerLimits: env.containerLimits ?? defaults.containerLimits,
    email: user.email,
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
