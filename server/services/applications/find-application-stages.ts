import { and, eq, isNull } from "drizzle-orm";
import { environments, snapshotEnvironmentBindings, snapshots } from "@/db/schema";
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

/**
 * Where an application stands in each environment of its space that is not being deleted: the
 * environment, the snapshot bound there (and since when) and each component's sync and health —
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
