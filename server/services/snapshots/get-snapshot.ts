import { and, asc, eq } from "drizzle-orm";
import { environments, snapshotEnvironmentBindings } from "@/db/schema";
import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { loadSnapshot, loadSnapshotImages } from "./snapshot-row";

/** One snapshot with its images and the environments it is bound to now. */
export async function getSnapshot(
  ctx: TSpaceContext,
  input: { application: string; snapshot: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const snapshot = await loadSnapshot(ctx.db, application, input.snapshot);
  const [images, boundTo] = await Promise.all([
    loadSnapshotImages(ctx.db, [snapshot.id]),
    ctx.db
      .select({ name: environments.name, displayName: environments.displayName })
      .from(snapshotEnvironmentBindings)
      .innerJoin(environments, eq(environments.id, snapshotEnvironmentBindings.environmentId))
      .where(
        and(
          eq(snapshotEnvironmentBindings.snapshotId, snapshot.id),
          eq(snapshotEnvironmentBindings.applicationId, application.id),
        ),
      )
      .orderBy(asc(environments.name)),
  ]);
  return { ...snapshot, components: images.get(snapshot.id) ?? [], boundTo };
}
