import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { environments, snapshotEnvironmentBindings, snapshots } from "@/db/schema";
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
    })
    .from(snapshotEnvironmentBindings)
    .innerJoin(environments, eq(environments.id, snapshotEnvironmentBindings.environmentId))
    .innerJoin(snapshots, eq(snapshots.id, snapshotEnvironmentBindings.snapshotId))
    .where(and(eq(snapshotEnvironmentBindings.applicationId, application.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.binding.createdAt.toISOString(), row.binding.id]);
}
