import { and, ilike, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { clusters } from "@/db/schema";
import type { TFindClusters } from "@/lib/validators/cluster";
import type { TServiceContext } from "../context";
import { planKeysetPage } from "../keyset";
import { escapeLike } from "../like";

const BY_NAME = {
  columns: [clusters.name],
  direction: "asc",
  keySchema: z.tuple([z.string()]),
} as const;

const LIST_COLUMNS = {
  id: clusters.id,
  name: clusters.name,
  displayName: clusters.displayName,
  apiUrl: clusters.apiUrl,
  labels: clusters.labels,
  cordoned: clusters.cordoned,
  emulated: clusters.emulated,
  insecureSkipTlsVerify: clusters.insecureSkipTlsVerify,
  generation: clusters.generation,
  status: clusters.status,
  probe: clusters.probe,
  deletionRequestedAt: clusters.deletionRequestedAt,
};

/** The admin list: keyset-paginated by name, optionally filtered by name or display name. */
export async function findClusters(ctx: TServiceContext, input: TFindClusters) {
  const plan = planKeysetPage(BY_NAME, input);
  const filters: (SQL | undefined)[] = [plan.where];
  if (input.query) {
    const pattern = `%${escapeLike(input.query)}%`;
    filters.push(or(ilike(clusters.name, pattern), ilike(clusters.displayName, pattern)));
  }
  const rows = await ctx.db
    .select(LIST_COLUMNS)
    .from(clusters)
    .where(and(...filters))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.name]);
}
