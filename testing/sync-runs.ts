// Sync run fixtures: GitOps deployment rows as a binding's reconcile records them, without a
// cluster, for tests that exercise the services and routers only.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { gitopsDeployments, snapshotEnvironmentBindings, syncRuns } from "@/db/schema";

export interface TSyncRunFixture {
  /** A manual deployment with no runs (the one to sync). */
  manualComponent: string;
  /** An automated deployment (a sync run there is refused). */
  automatedComponent: string;
  /** A manual deployment with a Pending run. */
  busyComponent: string;
  /** That Pending run (the one to cancel). */
  pendingRunId: string;
}

/**
 * Records deployments on the application's binding: the binding's component `web` manual, and
 * `auto` (automated) and `worker` (manual, with a Pending run) beside it.
 */
export async function arrangeSyncRuns(
  db: Db,
  applicationId: string,
  argoCdClusterId: string,
): Promise<TSyncRunFixture> {
  const [binding] = await db
    .select({ id: snapshotEnvironmentBindings.id })
    .from(snapshotEnvironmentBindings)
    .where(eq(snapshotEnvironmentBindings.applicationId, applicationId));
  if (!binding) throw new Error("the application has no binding");
  const deployment = (componentName: string, syncMode: "automated" | "manual") => ({
    bindingId: binding.id,
    componentName,
    argoCdClusterId,
    argoCdNamespace: "argocd",
    applicationName: `fixture-${componentName}-${binding.id.slice(0, 8)}`,
    syncMode,
    manifest: { spec: { source: { targetRevision: "main" } } },
  });
  const rows = await db
    .insert(gitopsDeployments)
    .values([
      deployment("web", "manual"),
      deployment("auto", "automated"),
      deployment("worker", "manual"),
    ])
    .returning({ id: gitopsDeployments.id, componentName: gitopsDeployments.componentName });
  const worker = rows.find((r) => r.componentName === "worker")!;
  const [run] = await db
    .insert(syncRuns)
    .values({ deploymentId: worker.id, revisionId: "main", requestedByLabel: "fixture" })
    .returning({ id: syncRuns.id });
  return {
    manualComponent: "web",
    automatedComponent: "auto",
    busyComponent: "worker",
    pendingRunId: run!.id,
  };
}
