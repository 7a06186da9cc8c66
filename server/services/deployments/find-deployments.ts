import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  applications,
  clusters,
  environments,
  gitopsDeployments,
  snapshotEnvironmentBindings,
  snapshots,
  syncRuns,
} from "@/db/schema";
import type { TFindDeployments } from "@/lib/validators/deployment";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";

// Along gitops_deployment_binding_component_unique: a binding's components together, by name.
const BY_BINDING = {
  columns: [gitopsDeployments.bindingId, gitopsDeployments.componentName],
  direction: "asc",
  keySchema: z.tuple([z.uuid(), z.string()]),
} as const;

/** How many of a deployment's sync runs its row shows (the newest); syncRun.list has them all. */
export const RECENT_SYNC_RUNS = 3;

export interface TRecentSyncRun {
  id: string;
  state: (typeof syncRuns.$inferSelect)["state"];
  message: string;
  operationPhase: string | null;
  revisionID: string;
  requestedBy: string;
  cancelRequested: boolean;
  createdAt: string;
}

// In the same statement as the page (no query per row), along sync_run_deployment_idx.
const recentSyncRuns = sql<TRecentSyncRun[]>`coalesce((
  select json_agg(json_build_object('id', r.id, 'state', r.state, 'message', r.message,
    'operationPhase', r.operation_phase, 'revisionID', r.revision_id,
    'requestedBy', r.requested_by_label, 'cancelRequested', r.cancel_requested_at is not null,
    'createdAt', r.created_at) order by r.created_at desc, r.id desc)
  from (select * from ${syncRuns} where ${syncRuns.deploymentId} = ${gitopsDeployments.id}
    order by ${syncRuns.createdAt} desc, ${syncRuns.id} desc limit ${RECENT_SYNC_RUNS}) r),
  '[]'::json)`;

/**
 * The space's GitOps deployments (one per binding and component), with the status Argo CD last
 * reported (and whether that Argo CD is the sandbox's emulated one), the Application as YAML and
 * the newest sync runs, narrowed to an application or an environment;
 * keyset-paginated.
 */
export async function findDeployments(ctx: TSpaceContext, input: Omit<TFindDeployments, "space">) {
  const plan = planKeysetPage(BY_BINDING, input);
  const b = snapshotEnvironmentBindings;
  const d = gitopsDeployments;
  const rows = await ctx.db
    .select({
      id: d.id,
      bindingId: d.bindingId,
      application: applications.name,
      environment: environments.name,
      snapshot: snapshots.name,
      component: d.componentName,
      applicationName: d.applicationName,
      argoCdNamespace: d.argoCdNamespace,
      syncMode: d.syncMode,
      syncStatus: d.syncStatus,
      healthStatus: d.healthStatus,
      revision: d.revision,
      // What Argo CD reports running (status.summary.images), per component.
      images: d.images,
      lastSyncedAt: d.lastSyncedAt,
      conditions: d.conditions,
      slipwayConditions: d.slipwayConditions,
      operationState: d.operationState,
      resources: d.resources,
      manifest: d.manifest,
      syncRuns: recentSyncRuns,
      // The sandbox's Argo CD is emulated: its statuses come from no real deployment.
      argoCdEmulated: sql<boolean>`coalesce(${clusters.emulated}, false)`,
    })
    .from(d)
    .innerJoin(b, eq(b.id, d.bindingId))
    .innerJoin(applications, eq(applications.id, b.applicationId))
    .innerJoin(environments, eq(environments.id, b.environmentId))
    .innerJoin(snapshots, eq(snapshots.id, b.snapshotId))
    .leftJoin(clusters, eq(clusters.id, d.argoCdClusterId))
    .where(
      and(
        eq(b.spaceId, ctx.space.id),
        input.application ? eq(applications.name, input.application) : undefined,
        input.environment ? eq(environments.name, input.environment) : undefined,
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.bindingId, row.component]);
}
