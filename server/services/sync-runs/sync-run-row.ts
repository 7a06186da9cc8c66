// Lookups shared by the sync run services: a deployment by the names people see, a run by id
// within the space, and the columns a run is shown with.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  applications,
  environments,
  gitopsDeployments,
  snapshotEnvironmentBindings,
  syncRuns,
} from "@/db/schema";
import { AppError } from "../errors";

export interface TDeploymentRef {
  application: string;
  environment: string;
  component: string;
}

export type TSyncRunState = (typeof syncRuns.$inferSelect)["state"];

/** Pending or Running: Argo CD has (or is about to get) an operation for it. */
export const ACTIVE_STATES: readonly TSyncRunState[] = ["Pending", "Running"];

export const describeDeployment = (ref: TDeploymentRef) =>
  `component "${ref.component}" of application "${ref.application}" in environment "${ref.environment}"`;

const b = snapshotEnvironmentBindings;

/** Where a deployment's Argo CD Application lives, to act on it as a person. */
export const applicationPlace = {
  argoCdClusterId: gitopsDeployments.argoCdClusterId,
  argoCdNamespace: gitopsDeployments.argoCdNamespace,
  applicationName: gitopsDeployments.applicationName,
};

/** A GitOps deployment of the space, by application, environment and component name. */
export async function loadDeployment(db: Db, spaceId: string, ref: TDeploymentRef) {
  const [row] = await db
    .select({
      id: gitopsDeployments.id,
      bindingId: gitopsDeployments.bindingId,
      syncMode: gitopsDeployments.syncMode,
      manifest: gitopsDeployments.manifest,
      ...applicationPlace,
      bindingDeleting: b.deletionRequestedAt,
    })
    .from(gitopsDeployments)
    .innerJoin(b, eq(b.id, gitopsDeployments.bindingId))
    .innerJoin(applications, eq(applications.id, b.applicationId))
    .innerJoin(environments, eq(environments.id, b.environmentId))
    .where(
      and(
        eq(b.spaceId, spaceId),
        eq(applications.name, ref.application),
        eq(environments.name, ref.environment),
        eq(gitopsDeployments.componentName, ref.component),
      ),
    );
  if (!row) {
    throw new AppError(
      "NOT_FOUND",
      `Nothing is deployed for ${describeDeployment(ref)}: bind a snapshot to the environment first.`,
    );
  }
  return row;
}

/** What a sync run shows: its own columns and the deployment it belongs to, by name. */
export const syncRunColumns = {
  id: syncRuns.id,
  application: applications.name,
  environment: environments.name,
  component: gitopsDeployments.componentName,
  bindingId: gitopsDeployments.bindingId,
  revisionID: syncRuns.revisionId,
  requestedBy: syncRuns.requestedByLabel,
  state: syncRuns.state,
  message: syncRuns.message,
  operationPhase: syncRuns.operationPhase,
  cancelRequestedAt: syncRuns.cancelRequestedAt,
  createdAt: syncRuns.createdAt,
  startedAt: syncRuns.startedAt,
  finishedAt: syncRuns.finishedAt,
};

export const syncRunNotFound = () =>
  new AppError("NOT_FOUND", "That sync run was not found in this space; it may have been removed.");

/** Sync runs with their deployment's names, for the caller to narrow with `where`. */
export function selectSyncRuns(db: Db) {
  return db
    .select(syncRunColumns)
    .from(syncRuns)
    .innerJoin(gitopsDeployments, eq(gitopsDeployments.id, syncRuns.deploymentId))
    .innerJoin(b, eq(b.id, gitopsDeployments.bindingId))
    .innerJoin(applications, eq(applications.id, b.applicationId))
    .innerJoin(environments, eq(environments.id, b.environmentId));
}

/** One sync run of the space, by id (another space's id is simply not found). */
export async function loadSyncRun(db: Db, spaceId: string, id: string) {
  const [row] = await selectSyncRuns(db).where(and(eq(syncRuns.id, id), eq(b.spaceId, spaceId)));
  if (!row) throw syncRunNotFound();
  return row;
}

/** Where a run's Application lives (a run of another space is not found). */
export async function loadRunPlace(db: Db, spaceId: string, id: string) {
  const [row] = await db
    .select({ ...applicationPlace, manifest: gitopsDeployments.manifest })
    .from(syncRuns)
    .innerJoin(gitopsDeployments, eq(gitopsDeployments.id, syncRuns.deploymentId))
    .innerJoin(b, eq(b.id, gitopsDeployments.bindingId))
    .where(and(eq(syncRuns.id, id), eq(b.spaceId, spaceId)));
  if (!row) throw syncRunNotFound();
  return row;
}

/** What an audit record shows of a run. */
export const syncRunAuditView = (run: { revisionID: string; state: string }) => ({
  revisionID: run.revisionID,
  state: run.state,
});
