import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { syncRuns } from "@/db/schema";
import type { TFindSyncRuns } from "@/lib/validators/sync-run";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";
import { loadDeployment, selectSyncRuns } from "./sync-run-row";

// Newest first, along sync_run_deployment_idx (deployment_id, created_at, id).
const NEWEST_FIRST = {
  columns: [syncRuns.createdAt, syncRuns.id],
  direction: "desc",
  keySchema: z.tuple([z.iso.datetime(), z.uuid()]),
} as const;

/** A deployment's sync runs, newest first; keyset-paginated. */
export async function findSyncRuns(ctx: TSpaceContext, input: Omit<TFindSyncRuns, "space">) {
  const deployment = await loadDeployment(ctx.db, ctx.space.id, input);
  const plan = planKeysetPage(NEWEST_FIRST, input);
  const rows = await selectSyncRuns(ctx.db)
    .where(and(eq(syncRuns.deploymentId, deployment.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.createdAt.toISOString(), row.id]);
}
