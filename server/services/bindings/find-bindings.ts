import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  environments,
  promotionRuns,
  promotionSteps,
  snapshotEnvironmentBindings,
  snapshots,
} from "@/db/schema";
import type { TPageInput } from "@/lib/validators/pagination";
import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";

// Oldest first, along binding_application_list_idx (application_id, created_at, id).
const OLDEST_FIRST = {
  columns: [snapshotEnvironmentBindings.createdAt, snapshotEnvironmentBindings.id],
  direction: "asc",
  keySchema: z.tuple([z.iso.datetime(), z.uuid()]),
} as const;

const b = snapshotEnvironmentBindings;

/**
 * Since when the environment runs the binding's snapshot: the newest promotion of that snapshot
 * there that succeeded (along promotion_step_environment_history_idx), or, for a binding set by
 * hand, its last change. The pipeline view shows it as the time in that stage.
 */
export const bindingDeployedAt = sql<Date>`coalesce((
  select max(s.completed_at) from ${promotionSteps} s
    join ${promotionRuns} r on r.id = s.run_id
  where s.environment_id = ${b.environmentId} and r.application_id = ${b.applicationId}
    and r.snapshot_id = ${b.snapshotId} and s.result = 'Success'), ${b.updatedAt})`.mapWith(
  b.updatedAt,
);

/** An application's bindings with their environment and snapshot, keyset-paginated. */
export async function findBindings(
  ctx: TSpaceContext,
  input: TPageInput & { application: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const plan = planKeysetPage(OLDEST_FIRST, input);
  const rows = await ctx.db
    .select({
      binding: snapshotEnvironmentBindings,
      environment: { name: environments.name, displayName: environments.displayName },
      snapshot: { name: snapshots.name, displayName: snapshots.displayName },
      deployedAt: bindingDeployedAt,
    })
    .from(snapshotEnvironmentBindings)
    .innerJoin(environments, eq(environments.id, snapshotEnvironmentBindings.environmentId))
    .innerJoin(snapshots, eq(snapshots.id, snapshotEnvironmentBindings.snapshotId))
    .where(and(eq(snapshotEnvironmentBindings.applicationId, application.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.binding.createdAt.toISOString(), row.binding.id]);
}
