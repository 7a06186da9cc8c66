import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { snapshots } from "@/db/schema";
import type { TPageInput } from "@/lib/validators/pagination";
import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";
import { loadSnapshotImages } from "./snapshot-row";

// Newest first, along snapshot_application_list_idx (application_id, created_at, id).
const NEWEST_FIRST = {
  columns: [snapshots.createdAt, snapshots.id],
  direction: "desc",
  keySchema: z.tuple([z.iso.datetime(), z.uuid()]),
} as const;

/** An application's snapshots, newest first, each with its images (one more query per page). */
export async function findSnapshots(
  ctx: TSpaceContext,
  input: TPageInput & { application: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const plan = planKeysetPage(NEWEST_FIRST, input);
  const rows = await ctx.db
    .select()
    .from(snapshots)
    .where(and(eq(snapshots.applicationId, application.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.createdAt.toISOString(), row.id]);
  const images = await loadSnapshotImages(
    ctx.db,
    page.items.map((s) => s.id),
  );
  return {
    ...page,
    items: page.items.map((s) => ({ ...s, components: images.get(s.id) ?? [] })),
  };
}
