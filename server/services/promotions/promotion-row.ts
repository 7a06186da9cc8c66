// What the promotion services share: a run as people read it (its snapshot, environments and
// steps in one statement, no query per run), the refusals in words, and whether an environment
// may be promoted into.
import { and, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  applications,
  environments,
  promotionRuns,
  promotionSteps,
  snapshots,
  users,
} from "@/db/schema";
import { findCondition, isReady } from "@/lib/conditions";
import { AppError, fieldError } from "../errors";

type TEnvironmentRow = typeof environments.$inferSelect;

/** One step as read: dates as ISO strings (they come through JSON). */
export interface TPromotionStepView {
  position: number;
  environment: string;
  state: "Waiting" | "In Progress" | "Complete";
  result: "Success" | "Failure" | null;
  message: string;
  /** What the environment ran before the step changed it; null when nothing was bound. */
  previousSnapshot: string | null;
  startedAt: string | null;
  completedAt: string | null;
}

const target = alias(environments, "target_environment");
const source = alias(environments, "source_environment");
// Column names as the migration spells them: aliases inside raw SQL are not declared by drizzle.
const steps = sql<TPromotionStepView[]>`coalesce((
  select json_agg(json_build_object('position', s.position, 'environment', e.name,
    'state', s.state, 'result', s.result, 'message', s.message, 'previousSnapshot', p.name,
    'startedAt', s.started_at, 'completedAt', s.completed_at) order by s.position)
  from ${promotionSteps} s join ${environments} e on e.id = s.environment_id
    left join ${snapshots} p on p.id = s.previous_snapshot_id
  where s.run_id = ${promotionRuns.id}), '[]'::json)`;

/**
 * A run's name as the declarative API spells it (runs have none in Slipway otherwise): the name
 * it was imported under, or "<application>-<kind>-<first 8 of id>".
 */
const runName = sql<string>`coalesce(${promotionRuns.importedName},
  ${applications.name} || '-' || ${promotionRuns.kind} || '-' || left(${promotionRuns.id}::text, 8))`;

/** A run with its snapshot, environments, creator's name and steps: select from promotionRuns. */
export function selectPromotions(db: Db) {
  return db
    .select({
      id: promotionRuns.id,
      name: runName,
      application: applications.name,
      kind: promotionRuns.kind,
      state: promotionRuns.state,
      result: promotionRuns.result,
      message: promotionRuns.message,
      timeoutSeconds: promotionRuns.timeoutSeconds,
      snapshot: { name: snapshots.name, displayName: snapshots.displayName },
      targetEnvironment: target.name,
      sourceEnvironment: source.name,
      // Never the e-mail address: viewers read runs.
      createdBy: sql<string | null>`coalesce(${users.username}, ${users.name})`,
      createdAt: promotionRuns.createdAt,
      startedAt: promotionRuns.startedAt,
      completedAt: promotionRuns.completedAt,
      steps,
    })
    .from(promotionRuns)
    .innerJoin(applications, eq(applications.id, promotionRuns.applicationId))
    .innerJoin(snapshots, eq(snapshots.id, promotionRuns.snapshotId))
    .leftJoin(target, eq(target.id, promotionRuns.targetEnvironmentId))
    .leftJoin(source, eq(source.id, promotionRuns.sourceEnvironmentId))
    .leftJoin(users, eq(users.id, promotionRuns.createdBy));
}

export type TPromotionView = Awaited<ReturnType<typeof selectPromotions>>[number];

export const promotionNotFound = (application: string) =>
  new AppError("NOT_FOUND", `Application "${application}" has no such promotion.`);

export const promotionInProgress = (id: string, application: string) =>
  new AppError(
    "CONFLICT",
    `Promotion ${id} is already in progress for application "${application}"; promote again once it is complete.`,
  );

/** The application's run that is not Complete, if any (at most one: a partial unique index). */
export async function activePromotionOf(db: Db, applicationId: string) {
  const [row] = await db
    .select({ id: promotionRuns.id })
    .from(promotionRuns)
    .where(
      and(eq(promotionRuns.applicationId, applicationId), ne(promotionRuns.state, "Complete")),
    );
  return row ?? null;
}

/** Why an environment cannot be promoted into now, or null when it can (Ready, not deleting). */
export function notReadyReason(environment: TEnvironmentRow): string | null {
  if (environment.deletionRequestedAt) return "it is being deleted";
  if (isReady(environment.status, environment.generation)) return null;
  const ready = findCondition(environment.status, "Ready");
  const why = environment.status.lastError ?? ready?.message;
  if (!ready) return "it has not been set up on its cluster yet";
  return why ? why : `it is not Ready (${ready.reason})`;
}

export function assertPromotable(environment: TEnvironmentRow): void {
  const reason = notReadyReason(environment);
  if (reason) {
    throw fieldError(
      "environment",
      `Environment "${environment.name}" is not Ready: ${reason}. Promote once it is Ready.`,
    );
  }
}
