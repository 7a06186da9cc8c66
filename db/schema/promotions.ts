// Promotion runs (seed: gitops-service-api.md, PromotionRun): a snapshot of an application
// promoted to one environment by hand, back to an earlier snapshot (rollback), or on to the
// environments whose deployment strategy is AppStudioAutomated once it runs in their parent
// (automated; upstream never built that). A run has one step per environment, done in order by
// the promotion/<id> reconciler. The spec columns are written once: no service updates them.
import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { applications, snapshots } from "./applications";
import { users } from "./auth";
import { createdAt } from "./columns";
import { environments } from "./environments";

export const promotionKind = pgEnum("promotion_kind", ["manual", "automated", "rollback"]);
// Upstream's values (DESIGN.md): Waiting → In Progress → Complete, with Success or Failure.
export const promotionState = pgEnum("promotion_state", ["Waiting", "In Progress", "Complete"]);
export const promotionResult = pgEnum("promotion_result", ["Success", "Failure"]);

export const DEFAULT_PROMOTION_TIMEOUT_SECONDS = 600;

const at = (name: string) => timestamp(name, { mode: "date", withTimezone: true, precision: 3 });

export const promotionRuns = pgTable(
  "promotion_run",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id").notNull(),
    applicationId: uuid("application_id").notNull(),
    snapshotId: uuid("snapshot_id").notNull(),
    kind: promotionKind("kind").notNull(),
    // Manual and rollback runs: the one environment promoted to (upstream's
    // manualPromotion.targetEnvironment). Null for automated runs.
    targetEnvironmentId: uuid("target_environment_id"),
    // Automated runs: the environment whose deployment of the snapshot started the run (its
    // children are the steps). With the snapshot it makes the run idempotent.
    sourceEnvironmentId: uuid("source_environment_id"),
    state: promotionState("state").notNull().default("Waiting"),
    result: promotionResult("result"),
    message: text("message").notNull().default(""),
    timeoutSeconds: integer("timeout_seconds").notNull().default(DEFAULT_PROMOTION_TIMEOUT_SECONDS),
    // Null for runs Slipway started itself (automated).
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    startedAt: at("started_at"),
    completedAt: at("completed_at"),
    // The PromotionRun name a declarative import created the run under, so exporting the space
    // again names it the same and importing the same YAML again finds it. Null for runs made here:
    // they export as "<application>-<kind>-<first 8 of id>".
    importedName: text("imported_name"),
  },
  (t) => [
    uniqueIndex("promotion_run_imported_name_unique").on(t.applicationId, t.importedName),
    // One active run per application (upstream's rule); the service says so first, in words.
    uniqueIndex("promotion_run_one_active_per_application")
      .on(t.applicationId)
      .where(sql`${t.state} <> 'Complete'`),
    // The same snapshot deployed in the same environment never starts two automated runs.
    uniqueIndex("promotion_run_automated_once")
      .on(t.applicationId, t.snapshotId, t.sourceEnvironmentId)
      .where(sql`${t.kind} = 'automated'`),
    // find-promotions: an application's runs, newest first.
    index("promotion_run_application_list_idx").on(t.applicationId, t.createdAt, t.id),
    index("promotion_run_snapshot_idx").on(t.snapshotId, t.applicationId),
    index("promotion_run_target_idx").on(t.targetEnvironmentId, t.spaceId),
    index("promotion_run_source_idx").on(t.sourceEnvironmentId, t.spaceId),
    index("promotion_run_created_by_idx").on(t.createdBy),
    foreignKey({
      name: "promotion_run_application_fk",
      columns: [t.applicationId, t.spaceId],
      foreignColumns: [applications.id, applications.spaceId],
    }).onDelete("cascade"),
    // A run promotes a snapshot of its own application; the snapshot's history goes with it.
    foreignKey({
      name: "promotion_run_snapshot_fk",
      columns: [t.snapshotId, t.applicationId],
      foreignColumns: [snapshots.id, snapshots.applicationId],
    }).onDelete("cascade"),
    foreignKey({
      name: "promotion_run_target_environment_fk",
      columns: [t.targetEnvironmentId, t.spaceId],
      foreignColumns: [environments.id, environments.spaceId],
    }).onDelete("cascade"),
    foreignKey({
      name: "promotion_run_source_environment_fk",
      columns: [t.sourceEnvironmentId, t.spaceId],
      foreignColumns: [environments.id, environments.spaceId],
    }).onDelete("cascade"),
    check(
      "promotion_run_target_by_kind",
      sql`(${t.kind} = 'automated') = (${t.targetEnvironmentId} is null)
        and (${t.kind} = 'automated') = (${t.sourceEnvironmentId} is not null)`,
    ),
    check(
      "promotion_run_result_when_complete",
      sql`(${t.state} = 'Complete') = (${t.result} is not null)`,
    ),
    check("promotion_run_timeout_positive", sql`${t.timeoutSeconds} > 0`),
  ],
);

/** One environment of a run: the binding set to the run's snapshot, then watched until deployed. */
export const promotionSteps = pgTable(
  "promotion_step",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => promotionRuns.id, { onDelete: "cascade" }),
    environmentId: uuid("environment_id")
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    // Order within the run, from 0.
    position: integer("position").notNull(),
    state: promotionState("state").notNull().default("Waiting"),
    result: promotionResult("result"),
    message: text("message").notNull().default(""),
    // What the environment ran before this step changed it (null: nothing was bound): history
    // and rollback read it.
    previousSnapshotId: uuid("previous_snapshot_id").references(() => snapshots.id, {
      onDelete: "set null",
    }),
    startedAt: at("started_at"),
    completedAt: at("completed_at"),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.position] }),
    uniqueIndex("promotion_step_run_environment_unique").on(t.runId, t.environmentId),
    // environment-history: an environment's successful steps, newest first.
    index("promotion_step_environment_history_idx")
      .on(t.environmentId, t.completedAt, t.runId)
      .where(sql`${t.result} = 'Success'`),
    // application.stages: an environment's newest step (a failed automated promotion shows).
    index("promotion_step_environment_idx").on(t.environmentId),
    index("promotion_step_previous_snapshot_idx").on(t.previousSnapshotId),
    check("promotion_step_position_natural", sql`${t.position} >= 0`),
    check(
      "promotion_step_result_when_complete",
      sql`(${t.state} = 'Complete') = (${t.result} is not null)`,
    ),
  ],
);
