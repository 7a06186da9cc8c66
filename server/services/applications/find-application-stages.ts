import { and, eq, isNull, sql } from "drizzle-orm";
import {
  environments,
  promotionRuns,
  promotionSteps,
  snapshotEnvironmentBindings,
  snapshots,
} from "@/db/schema";
import type { TPageInput } from "@/lib/validators/pagination";
import { bindingDeployedAt } from "../bindings/find-bindings";
import type { TSpaceContext } from "../context";
import { componentStatusesOf } from "../deployments/component-statuses";
import {
  ENVIRONMENTS_OLDEST_FIRST,
  environmentSummaryColumns,
} from "../environments/find-environments";
import { planKeysetPage } from "../keyset";
import { loadApplication } from "./application-row";

const b = snapshotEnvironmentBindings;

/** An automated promotion into the environment that failed and has not been retried since. */
export interface TAutomatedFailure {
  snapshot: string;
  message: string;
}

// Failed automated runs are not retried (no retry loop): the page says so until a person promotes
// again. Only when the application's newest step in the environment is that failure, along
// promotion_step_environment_idx.
const automatedFailureIn = (applicationId: string) => sql<TAutomatedFailure | null>`(
  select case when r.kind = 'automated' and s.result = 'Failure' then json_build_object(
    'snapshot', sn.name, 'message', coalesce(nullif(s.message, ''), r.message)) end
  from ${promotionSteps} s join ${promotionRuns} r on r.id = s.run_id
    join ${snapshots} sn on sn.id = r.snapshot_id
  where s.environment_id = ${environments.id} and r.application_id = ${applicationId}
  order by r.created_at desc, r.id desc limit 1)`;

/**
 * Where an application stands in each environment of its space that is not being deleted: the
 * environment, the snapshot bound there (and since when), each component's sync and health and
 * an automated promotion there that failed —
 * one statement per page, keyset-paginated over the environments oldest first, so no environment,
 * binding or deployment is left out however many there are.
 */
export async function findApplicationStages(
  ctx: TSpaceContext,
  input: TPageInput & { application: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const plan = planKeysetPage(ENVIRONMENTS_OLDEST_FIRST, input);
  const rows = await ctx.db
    .select({
      environment: environmentSummaryColumns,
      snapshot: { name: snapshots.name, displayName: snapshots.displayName },
      deployedAt: bindingDeployedAt,
      components: componentStatusesOf(b.id),
      automatedFailure: automatedFailureIn(application.id),
    })
    .from(environments)
    .leftJoin(b, and(eq(b.environmentId, environments.id), eq(b.applicationId, application.id)))
    .leftJoin(snapshots, eq(snapshots.id, b.snapshotId))
    .where(
      and(
        eq(environments.spaceId, ctx.space.id),
        isNull(environments.deletionRequestedAt),
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.environment.createdAt.toISOString(), row.environment.id]);
}
