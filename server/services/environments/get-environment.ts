import { and, asc, desc, eq, inArray } from "drizzle-orm";
import {
  clusters,
  deploymentTargetClaims,
  environments,
  environmentWorkspaces,
  reconcileEvents,
} from "@/db/schema";
import { promotionEventsKey } from "@/server/reconciler/events";
import type { TSpaceContext } from "../context";
import { listManagedObjects } from "../reconcile/list-managed-objects";
import { reconcileKey } from "../reconcile/request-reconcile";
import { loadEnvironment } from "./environment-row";

const RECENT_EVENTS = 50;

/**
 * One environment with everything its page shows: where it runs (never the cluster's
 * credentials), its place in the promotion graph, the objects the reconciler applied with what the
 * cluster last said of them, recent events (its own and those of promotions into it), and the caller's own workspace of a dev environment.
 */
export async function getEnvironment(ctx: TSpaceContext, input: { environment: string }) {
  const row = await loadEnvironment(ctx.db, ctx.space.id, input.environment);
  const key = reconcileKey("environment", row.id);
  const [cluster, claim, parent, children, objects, events, workspace] = await Promise.all([
    row.clusterId
      ? ctx.db
          .select({
            id: clusters.id,
            name: clusters.name,
            displayName: clusters.displayName,
            emulated: clusters.emulated,
            workspaceUrl: clusters.workspaceUrl,
          })
          .from(clusters)
          .where(eq(clusters.id, row.clusterId))
          .then((rows) => rows[0] ?? null)
      : null,
    row.claimId
      ? ctx.db
          .select({ name: deploymentTargetClaims.name, phase: deploymentTargetClaims.phase })
          .from(deploymentTargetClaims)
          .where(eq(deploymentTargetClaims.id, row.claimId))
          .then((rows) => rows[0] ?? null)
      : null,
    row.parentId
      ? ctx.db
          .select({ name: environments.name, displayName: environments.displayName })
          .from(environments)
          .where(eq(environments.id, row.parentId))
          .then((rows) => rows[0] ?? null)
      : null,
    ctx.db
      .select({ name: environments.name, displayName: environments.displayName })
      .from(environments)
      .where(eq(environments.parentId, row.id))
      .orderBy(asc(environments.name)),
    listManagedObjects(ctx.db, key),
    ctx.db
      .select()
      .from(reconcileEvents)
      .where(inArray(reconcileEvents.ownerKey, [key, promotionEventsKey(row.id)]))
      .orderBy(desc(reconcileEvents.id))
      .limit(RECENT_EVENTS),
    ctx.db
      .select({
        id: environmentWorkspaces.id,
        namespace: environmentWorkspaces.namespace,
        status: environmentWorkspaces.status,
        generation: environmentWorkspaces.generation,
      })
      .from(environmentWorkspaces)
      .where(
        and(
          eq(environmentWorkspaces.environmentId, row.id),
          eq(environmentWorkspaces.userId, ctx.actor.id),
        ),
      )
      .then((rows) => rows[0] ?? null),
  ]);
  return {
    environment: row,
    cluster,
    claim,
    parent,
    children,
    objects,
    events,
    workspace,
    role: ctx.role,
  };
}
