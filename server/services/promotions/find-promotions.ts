import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { promotionRuns } from "@/db/schema";
import type { TPageInput } from "@/lib/validators/pagination";
import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";
import { selectPromotions } from "./promotion-row";

// Newest first, along promotion_run_application_list_idx (application_id, created_at, id).
const NEWEST_FIRST = {
  columns: [promotionRuns.createdAt, promotionRuns.id],
  direction: "desc",
  keySchema: z.tuple([z.iso.datetime(), z.uuid()]),
} as const;

/** An application's promotion runs, newest first, each with its steps (one statement a page). */
export async function findPromotions(
  ctx: TSpaceContext,
  input: TPageInput & { application: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const plan = planKeysetPage(NEWEST_FIRST, input);
  const rows = await selectPromotions(ctx.db)
    .where(and(eq(promotionRuns.applicationId, application.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.createdAt.toISOString(), row.id]);
}
