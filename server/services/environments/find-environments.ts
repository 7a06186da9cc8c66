import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { clusters, deploymentTargetClaims, environments } from "@/db/schema";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";

const parents = alias(environments, "parent");

/** The space's environments oldest first, along environment (space_id, created_at, id). */
export const ENVIRONMENTS_OLDEST_FIRST = {
  columns: [environments.createdAt, environments.id],
  direction: "asc",
  keySchema: z.tuple([z.iso.datetime(), z.uuid()]),
} as const;

/** The columns a list row and the graph show. */
export const environmentSummaryColumns = {
  id: environments.id,
  name: environments.name,
  displayName: environments.displayName,
  type: environments.type,
  namespace: environments.namespace,
  parentId: environments.parentId,
  generation: environments.generation,
  status: environments.status,
  deletionRequestedAt: environments.deletionRequestedAt,
  expiresAt: environments.expiresAt,
  createdAt: environments.createdAt,
};

/** The space's environments, oldest first, keyset-paginated on (created_at, id), with status. */
export async function findEnvironments(ctx: TSpaceContext, input: TPageInput) {
  const plan = planKeysetPage(ENVIRONMENTS_OLDEST_FIRST, input);
  const rows = await ctx.db
    .select({
      ...environmentSummaryColumns,
      clusterName: clusters.name,
      clusterEmulated: clusters.emulated,
      claimName: deploymentTargetClaims.name,
      parentName: parents.name,
    })
    .from(environments)
    .leftJoin(clusters, eq(clusters.id, environments.clusterId))
    .leftJoin(deploymentTargetClaims, eq(deploymentTargetClaims.id, environments.claimId))
    .leftJoin(parents, eq(parents.id, environments.parentId))
    .where(and(eq(environments.spaceId, ctx.space.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.createdAt.toISOString(), row.id]) satisfies TPage<
    (typeof rows)[number]
  >;
}
