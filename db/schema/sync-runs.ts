// Sync runs (upstream GitOpsDeploymentSyncRun): a user's request that Argo CD sync one manual
// GitOps deployment to a revision. The binding's reconcile writes it as the Application's
// `operation` and follows Argo CD's `status.operationState` into `state`; a cancel request is
// carried out the same way (terminate, or withdraw the operation before Argo CD starts it).
import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, updatedAt } from "./columns";
import { gitopsDeployments } from "./gitops";

export const SYNC_RUN_STATES = ["Pending", "Running", "Succeeded", "Failed", "Terminated"] as const;
export const syncRunState = pgEnum("sync_run_state", SYNC_RUN_STATES);

export const syncRuns = pgTable(
  "sync_run",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deploymentId: uuid("deployment_id")
      .notNull()
      .references(() => gitopsDeployments.id, { onDelete: "cascade" }),
    // The revision Argo CD syncs to (upstream `revisionID`): given, or the deployment's target
    // revision when the run was created.
    revisionId: text("revision_id").notNull(),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    // Argo CD's `initiatedBy.username`; kept so the run still reads right after the user goes.
    requestedByLabel: text("requested_by_label").notNull(),
    state: syncRunState("state").notNull().default("Pending"),
    message: text("message").notNull().default(""),
    // Argo CD's own phase (Running, Terminating, Succeeded, Failed, Error) as last reported.
    operationPhase: text("operation_phase"),
    cancelRequestedAt: timestamp("cancel_requested_at", { mode: "date", withTimezone: true }),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { mode: "date", withTimezone: true }),
    finishedAt: timestamp("finished_at", { mode: "date", withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A deployment's runs newest first (the list's keyset order).
    index("sync_run_deployment_idx").on(t.deploymentId, t.createdAt, t.id),
    // Argo CD runs one operation per Application at a time: so does Slipway.
    uniqueIndex("sync_run_one_active_per_deployment")
      .on(t.deploymentId)
      .where(sql`${t.state} in ('Pending', 'Running')`),
  ],
);
