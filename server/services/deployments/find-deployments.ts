import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  applications,
  clusters,
  environments,
  gitopsDeployments,
  snapshotEnvironmentBindings,
  snapshots,
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

/**
 * The space's GitOps deployments (one per binding and component), with the status Argo CD last
 * reported (and whether that Argo CD is the sandbox's emulated one) and the Application as YAML, narrowed to an application or an environment;
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
      lastSyncedAt: d.lastSyncedAt,
      conditions: d.conditions,
      slipwayConditions: d.slipwayConditions,
      operationState: d.operationState,
      resources: d.resources,
      manifest: d.manifest,
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
