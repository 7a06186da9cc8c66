import { and, eq } from "drizzle-orm";
import { clusters, environmentWorkspaces, users } from "@/db/schema";
import { workspaceNamespace } from "@/lib/namespace-names";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { AppError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { lockSpaceForChange } from "../spaces/lock-space";
import { claimClusterNamespace } from "./claim-namespace";
import { assertNotDeleting, loadEnvironment } from "./environment-row";
import { checkWorkspaceAsUser } from "./workspace-as-user";

export interface TOpenedWorkspace {
  namespace: string;
  /** True when contributors share the environment's own namespace (contributor namespaces off). */
  shared: boolean;
  /** The cluster's Che / Dev Spaces dashboard, when it has one. */
  dashboardUrl: string | null;
  created: boolean;
}

/**
 * "Open workspace" on a dev environment (OSIO Profile / ProfileContributor): each member gets a
 * personal namespace `<environment namespace>-<username>`, made on first use. When the environment
 * forbids contributors their own instance, a contributor works in the environment's own namespace
 * (the owners' instance, where contributors are bound to `edit`) and nothing is created. On a
 * cluster with user sign-in the cluster is asked first, as the person (workspace-as-user.ts).
 */
export async function openWorkspace(
  ctx: TSpaceContext,
  input: { environment: string },
): Promise<TOpenedWorkspace> {
  await checkWorkspaceAsUser(ctx, input);
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "contributor");
    const env = await loadEnvironment(tx, ctx.space.id, input.environment, { lock: true });
    assertNotDeleting(env);
    if (env.type !== "dev") {
      throw new AppError("BAD_REQUEST", "Only a dev environment has personal workspaces.");
    }
    if (!env.clusterId || !env.namespace) {
      throw new AppError(
        "BAD_REQUEST",
        "This environment has no namespace yet: its deployment target claim is not bound.",
      );
    }
    const [cluster] = await tx
      .select({ workspaceUrl: clusters.workspaceUrl })
      .from(clusters)
      .where(eq(clusters.id, env.clusterId));
    const dashboardUrl = cluster?.workspaceUrl ?? null;
    if (!env.contributorNamespaces && ctx.role !== "owner") {
      return { namespace: env.namespace, shared: true, dashboardUrl, created: false };
    }
    const [existing] = await tx
      .select({ namespace: environmentWorkspaces.namespace })
      .from(environmentWorkspaces)
      .where(
        and(
          eq(environmentWorkspaces.environmentId, env.id),
          eq(environmentWorkspaces.userId, ctx.actor.id),
        ),
      );
    if (existing)
      return { namespace: existing.namespace, shared: false, dashboardUrl, created: false };
    const [user] = await tx
      .select({ username: users.username })
      .from(users)
      .where(eq(users.id, ctx.actor.id));
    const namespace = workspaceNamespace(env.namespace, {
      username: user?.username ?? null,
      id: ctx.actor.id,
    });
    const [workspace] = await tx
      .insert(environmentWorkspaces)
      .values({ environmentId: env.id, userId: ctx.actor.id, namespace })
      .returning({ id: environmentWorkspaces.id });
    if (!workspace) throw new Error("insert returned no row");
    const key = reconcileKey("workspace", workspace.id);
    await claimClusterNamespace(tx, env.clusterId, namespace, key);
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "environment.open-workspace",
      targetType: "environment",
      targetId: env.name,
      after: { member: ctx.actor.label, namespace },
    });
    await requestReconcile(tx, [key]);
    return { namespace, shared: false, dashboardUrl, created: true };
  });
}
