// Fixtures for promotion tests: a promotion that completed, inserted without the services, so an
// environment has history to roll back to.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { promotionRuns, promotionSteps, snapshots } from "../db/schema";

/** `snapshot` promoted to the environment (replacing `previous`), completed successfully. */
export async function insertCompletedPromotion(
  db: Db,
  input: {
    spaceId: string;
    applicationId: string;
    environmentId: string;
    snapshot: string;
    /** What ran before; none when the promotion made the binding. */
    previous?: string;
  },
): Promise<string> {
  const idOf = async (name: string) => {
    const [row] = await db
      .select({ id: snapshots.id })
      .from(snapshots)
      .where(and(eq(snapshots.applicationId, input.applicationId), eq(snapshots.name, name)));
    if (!row) throw new Error(`no snapshot ${name}`);
    return row.id;
  };
  const done = new Date("2026-11-25T10:00:00Z");
  const [run] = await db
    .insert(promotionRuns)
    .values({
      spaceId: input.spaceId,
      applicationId: input.applicationId,
      snapshotId: await idOf(input.snapshot),
      kind: "manual",
      targetEnvironmentId: input.environmentId,
      state: "Complete",
      result: "Success",
      startedAt: done,
      completedAt: done,
    })
    .returning();
  if (!run) throw new Error("promotion insert returned nothing");
  await db.insert(promotionSteps).values({
    runId: run.id,
    environmentId: input.environmentId,
    position: 0,
    state: "Complete",
    result: "Success",
    previousSnapshotId: input.previous ? await idOf(input.previous) : null,
    startedAt: done,
    completedAt: done,
  });
  return run.id;
}
