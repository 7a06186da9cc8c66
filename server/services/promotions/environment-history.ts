import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { promotionRuns, promotionSteps, snapshots } from "@/db/schema";
import type { TPageInput } from "@/lib/validators/pagination";
import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { loadEnvironment } from "../environments/environment-row";
import { planKeysetPage } from "../keyset";

const previous = alias(snapshots, "previous_snapshot");

// Newest first, along promotion_step_environment_history_idx (environment_id, completed_at, run_id).
const NEWEST_FIRST = {
  columns: [promotionSteps.completedAt, promotionSteps.runId],
  direction: "desc",
  keySchema: z.tuple([z.iso.datetime(), z.uuid()]),
} as const;

/**
 * The snapshots of an application that ran in an environment, newest first: each promotion that
 * completed there successfully, with what ran before it. Rollback offers these.
 */
export async function environmentHistory(
  ctx: TSpaceContext,
  input: TPageInput & { application: string; environment: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const environment = await loadEnvironment(ctx.db, ctx.space.id, input.environment);
  const plan = planKeysetPage(NEWEST_FIRST, input);
  const rows = await ctx.db
    .select({
      promotionId: promotionRuns.id,
      kind: promotionRuns.kind,
      snapshot: { name: snapshots.name, displayName: snapshots.displayName },
      previousSnapshot: previous.name,
      deployedAt: promotionSteps.completedAt,
    })
    .from(promotionSteps)
    .innerJoin(promotionRuns, eq(promotionRuns.id, promotionSteps.runId))
    .innerJoin(snapshots, eq(snapshots.id, promotionRuns.snapshotId))
    .leftJoin(previous, eq(previous.id, promotionSteps.previousSnapshotId))
    .where(
      and(
        eq(promotionSteps.environmentId, environment.id),
        eq(promotionRuns.applicationId, application.id),
        eq(promotionSteps.result, "Success"),
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.deployedAt?.toISOString() ?? null, row.promotionId]);
}
