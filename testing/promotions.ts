// Fixtures for promotion tests: a promotion that completed, inserted without the services, so an
// environment has history to roll back to.
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { promotionRuns, promotionSteps, snapshots } from "../db/schema";

/** `snapshot` promoted to the environment (replacing `previous`), completed successfully. */
export function insertCompletedPromotion(
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
  const success = { state: "Complete", result: "Success" } as const;
  return insertPromotionRun(db, {
    ...input,
    kind: "manual",
    ...success,
    at: new Date("2026-11-25T10:00:00Z"),
    steps: [{ environmentId: input.environmentId, ...success, previous: input.previous }],
  });
}

type TFixtureResult = "Success" | "Failure";

/**
 * Any run, inserted as it stands (any state, kind and steps) without the services: history
 * for export and import tests. Names are of the application's snapshots and the space's
 * environments.
 */
export async function insertPromotionRun(
  db: Db,
  input: {
    spaceId: string;
    applicationId: string;
    snapshot: string;
    kind: "manual" | "rollback" | "automated";
    /** Manual and rollback: the target; automated: the environment it moved on from. */
    environmentId: string;
    state: "Waiting" | "In Progress" | "Complete";
    result?: TFixtureResult;
    message?: string;
    at: Date;
    steps: {
      environmentId: string;
      state: "Waiting" | "In Progress" | "Complete";
      result?: TFixtureResult;
      message?: string;
      previous?: string;
    }[];
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
  const automated = input.kind === "automated";
  const done = input.state === "Complete" ? input.at : null;
  const [run] = await db
    .insert(promotionRuns)
    .values({
      spaceId: input.spaceId,
      applicationId: input.applicationId,
      snapshotId: await idOf(input.snapshot),
      kind: input.kind,
      targetEnvironmentId: automated ? null : input.environmentId,
      sourceEnvironmentId: automated ? input.environmentId : null,
      state: input.state,
      result: input.result ?? null,
      message: input.message ?? "",
      createdAt: input.at,
      startedAt: input.state === "Waiting" ? null : input.at,
      completedAt: done,
    })
    .returning();
  if (!run) throw new Error("promotion insert returned nothing");
  await db.insert(promotionSteps).values(
    await Promise.all(
      input.steps.map(async (step, position) => ({
        runId: run.id,
        environmentId: step.environmentId,
        position,
        state: step.state,
        result: step.result ?? null,
        message: step.message ?? "",
        previousSnapshotId: step.previous ? await idOf(step.previous) : null,
        startedAt: step.state === "Waiting" ? null : input.at,
        completedAt: step.state === "Complete" ? input.at : null,
      })),
    ),
  );
  return run.id;
}
