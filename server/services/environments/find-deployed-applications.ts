import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { applications, snapshotEnvironmentBindings, snapshots } from "@/db/schema";
import type { TPageInput } from "@/lib/validators/pagination";
import type { TSpaceContext } from "../context";
import { componentStatusesOf, lastSyncedAtOf } from "../deployments/component-statuses";
import { planKeysetPage } from "../keyset";
import { loadEnvironment } from "./environment-row";

const b = snapshotEnvironmentBindings;

// By application name: an environment has one binding per application, and names are unique in
// the space.
const BY_APPLICATION = {
  columns: [applications.name],
  direction: "asc",
  keySchema: z.tuple([z.string()]),
} as const;

/**
 * The environment's "Deployed here": each application bound there with its snapshot, its
 * components' sync and health and when Argo CD last synced any of them — one statement per page,
 * keyset-paginated by application.
 */
export async function findDeployedApplications(
  ctx: TSpaceContext,
  input: TPageInput & { environment: string },
) {
  const environment = await loadEnvironment(ctx.db, ctx.space.id, input.environment);
  const plan = planKeysetPage(BY_APPLICATION, input);
  const rows = await ctx.db
    .select({
      application: applications.name,
      snapshot: snapshots.name,
      components: componentStatusesOf(b.id),
      lastSyncedAt: lastSyncedAtOf(b.id),
    })
    .from(b)
    .innerJoin(applications, eq(applications.id, b.applicationId))
    .innerJoin(snapshots, eq(snapshots.id, b.snapshotId))
    .where(and(eq(b.environmentId, environment.id), eq(b.spaceId, ctx.space.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  return plan.finish(rows, (row) => [row.application]);
}
