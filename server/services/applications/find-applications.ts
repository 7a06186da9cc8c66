import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { applications } from "@/db/schema";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";

// By name, along application_space_name_unique (space_id, name).
const BY_NAME = {
  columns: [applications.name],
  direction: "asc",
  keySchema: z.tuple([z.string().max(63)]),
} as const;

/** The space's applications by name, keyset-paginated, each with its number of components. */
export async function findApplications(ctx: TSpaceContext, input: TPageInput) {
  const plan = planKeysetPage(BY_NAME, input);
  const rows = await ctx.db
    .select({
      id: applications.id,
      name: applications.name,
      displayName: applications.displayName,
      createdAt: applications.createdAt,
      // One correlated count per row of this page, served by component_application_name_unique.
      // Written out with table names: drizzle would leave the outer column unqualified here.
      componentCount: sql<number>`(select count(*)::int from "component" where "component"."application_id" = "application"."id")`,
    })
    .from(applications)
    .where(and(eq(applications.spaceId, ctx.space.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.name]) satisfies TPage<(typeof rows)[number]>;
}
