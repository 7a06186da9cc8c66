import { and, eq, inArray } from "drizzle-orm";
import {
  DEFAULT_PROMOTION_TIMEOUT_SECONDS,
  environments,
  promotionRuns,
  promotionSteps,
  snapshots,
} from "@/db/schema";
import { loadApplication } from "../applications/application-row";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TSpaceContext } from "../context";
import { violatedConstraint } from "../db-errors";
import { AppError, fieldError } from "../errors";
import { loadSnapshot, snapshotNotFound } from "../snapshots/snapshot-row";

type TResult = "Success" | "Failure";

/** A finished run as a declarative import carries it, by names. */
export interface TImportedPromotionRun {
  name: string;
  application: string;
  snapshot: string;
  kind: "manual" | "rollback" | "automated";
  /** Manual and rollback runs. */
  targetEnvironment: string | null;
  /** Automated runs. */
  sourceEnvironment: string | null;
  result: TResult;
  message: string;
  createdAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  steps: {
    environment: string;
    /** Null: the step never started (a run that failed before it), so it stays Waiting. */
    result: TResult | null;
    message: string;
    previousSnapshot: string | null;
    startedAt: Date | null;
    completedAt: Date | null;
  }[];
}

/** The environments a run names, by name, in one query; refused naming the first one missing. */
async function environmentIdsOf(ctx: TSpaceContext, names: readonly string[]) {
  const rows = await ctx.db
    .select({ id: environments.id, name: environments.name })
    .from(environments)
    .where(and(eq(environments.spaceId, ctx.space.id), inArray(environments.name, [...names])));
  const ids = new Map(rows.map((row) => [row.name, row.id]));
  const missing = names.find((name) => !ids.has(name));
  if (missing) throw new AppError("NOT_FOUND", `Environment "${missing}" was not found.`);
  return ids;
}

/**
 * Writes a finished promotion run as history (a declarative import): the run Complete, its steps
 * as they ended, its audit record. Nothing is started — no reconcile is requested, and the
 * promotion reconciler only ever lists runs that are not Complete — so the one-active-run rule is
 * untouched. Call on a transaction (the import's).
 */
export async function importPromotionRun(ctx: TSpaceContext, run: TImportedPromotionRun) {
  const application = await loadApplication(ctx.db, ctx.space.id, run.application);
  const snapshot = await loadSnapshot(ctx.db, application, run.snapshot);
  const stepEnvironments = run.steps.map((s) => s.environment);
  const runEnvironments = [run.targetEnvironment, run.sourceEnvironment].filter(
    (name): name is string => name !== null,
  );
  const environmentIds = await environmentIdsOf(ctx, [
    ...new Set([...stepEnvironments, ...runEnvironments]),
  ]);
  const previousNames = [
    ...new Set(run.steps.flatMap((s) => (s.previousSnapshot ? [s.previousSnapshot] : []))),
  ];
  const previous = previousNames.length
    ? await ctx.db
        .select({ id: snapshots.id, name: snapshots.name })
        .from(snapshots)
        .where(
          and(eq(snapshots.applicationId, application.id), inArray(snapshots.name, previousNames)),
        )
    : [];
  const previousIds = new Map(previous.map((row) => [row.name, row.id]));
  const unknown = previousNames.find((name) => !previousIds.has(name));
  if (unknown) throw snapshotNotFound(application.name, unknown);
  const idOf = (name: string | null) => (name === null ? null : (environmentIds.get(name) ?? null));
  let runId: string;
  try {
    const [row] = await ctx.db
      .insert(promotionRuns)
      .values({
        spaceId: ctx.space.id,
        applicationId: application.id,
        snapshotId: snapshot.id,
        kind: run.kind,
        targetEnvironmentId: idOf(run.targetEnvironment),
        sourceEnvironmentId: idOf(run.sourceEnvironment),
        state: "Complete",
        result: run.result,
        message: run.message,
        importedName: run.name,
        // The YAML names no creator Slipway knows and carries no timeout: the run is recorded as
        // the importing user's, with the default timeout.
        createdBy: ctx.actor.id,
        timeoutSeconds: DEFAULT_PROMOTION_TIMEOUT_SECONDS,
        ...(run.createdAt ? { createdAt: run.createdAt } : {}),
        startedAt: run.startedAt,
        completedAt: run.completedAt,
      })
      .returning({ id: promotionRuns.id });
    if (!row) throw new Error("insert returned no row");
    runId = row.id;
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint === "promotion_run_automated_once") {
      throw fieldError(
        "snapshot",
        `Application "${application.name}" already has an automated promotion of snapshot "${snapshot.name}" from environment "${run.sourceEnvironment ?? ""}".`,
        "CONFLICT",
      );
    }
    if (constraint === "promotion_run_imported_name_unique") {
      throw fieldError(
        "name",
        `Application "${application.name}" already has a promotion run named "${run.name}".`,
        "CONFLICT",
      );
    }
    throw error;
  }
  await ctx.db.insert(promotionSteps).values(
    run.steps.map((step, position) => ({
      runId,
      environmentId: environmentIds.get(step.environment) ?? "",
      position,
      state: step.result ? ("Complete" as const) : ("Waiting" as const),
      result: step.result,
      message: step.message,
      previousSnapshotId: step.previousSnapshot
        ? (previousIds.get(step.previousSnapshot) ?? null)
        : null,
      startedAt: step.startedAt,
      completedAt: step.completedAt,
    })),
  );
  await recordAuditEvent(ctx, {
    spaceId: ctx.space.id,
    action: "promotion.import",
    targetType: "promotion",
    targetId: runId,
    after: {
      name: run.name,
      application: application.name,
      snapshot: snapshot.name,
      kind: run.kind,
      result: run.result,
      environments: stepEnvironments,
    },
  });
  return { id: runId };
}
