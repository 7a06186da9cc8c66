import { and, eq, inArray } from "drizzle-orm";
import { syncRuns } from "@/db/schema";
import type { TCreateSyncRun } from "@/lib/validators/sync-run";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { AppError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { withUserCluster } from "../connections/user-cluster-access";
import { lockSpaceForChange } from "../spaces/lock-space";
import { writeOperationAsUser } from "./sync-run-as-user";
import {
  ACTIVE_STATES,
  describeDeployment,
  loadDeployment,
  loadSyncRun,
  syncRunAuditView,
} from "./sync-run-row";

/** The revision the deployment's Application follows (its source's targetRevision). */
function targetRevisionOf(manifest: Record<string, unknown>): string {
  const spec = manifest.spec as { source?: { targetRevision?: string } } | undefined;
  return spec?.source?.targetRevision || "HEAD";
}

/**
 * Asks Argo CD to sync a manual deployment: the run is recorded Pending and the binding's
 * reconcile writes it as the Application's operation. An automated deployment is refused — Argo CD
 * already follows Git there — and so is a second run while one is pending or running. Where the
 * Application's cluster has user sign-in, the operation is written as the person before the run
 * commits (sync-run-as-user.ts); their token is found (and refreshed) before the transaction, so a
 * refresh the provider refuses is remembered even though the run is not.
 */
export async function createSyncRun(ctx: TSpaceContext, input: Omit<TCreateSyncRun, "space">) {
  const { argoCdClusterId } = await loadDeployment(ctx.db, ctx.space.id, input);
  return withUserCluster(ctx, ctx.actor.id, argoCdClusterId, (access) =>
    ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const deployment = await loadDeployment(tx, ctx.space.id, input);
      const what = describeDeployment(input);
      if (deployment.bindingDeleting) {
        throw new AppError("CONFLICT", `The binding of ${what} is being deleted; nothing to sync.`);
      }
      if (deployment.syncMode === "automated") {
        throw new AppError(
          "BAD_REQUEST",
          `The ${what} syncs automatically: Argo CD already follows Git there, so a sync run is not needed. Set the component's sync mode to manual in the binding to sync it by hand.`,
        );
      }
      const [active] = await tx
        .select({ state: syncRuns.state })
        .from(syncRuns)
        .where(
          and(eq(syncRuns.deploymentId, deployment.id), inArray(syncRuns.state, ACTIVE_STATES)),
        );
      if (active) {
        throw new AppError(
          "CONFLICT",
          `A sync run of ${what} is already ${active.state.toLowerCase()}; wait for it to finish or cancel it first.`,
        );
      }
      const [inserted] = await tx
        .insert(syncRuns)
        .values({
          deploymentId: deployment.id,
          revisionId: input.revisionID ?? targetRevisionOf(deployment.manifest),
          requestedBy: ctx.actor.id,
          requestedByLabel: ctx.actor.label,
        })
        .returning({
          id: syncRuns.id,
          revisionId: syncRuns.revisionId,
          requestedByLabel: syncRuns.requestedByLabel,
        });
      if (access.kind === "user") await writeOperationAsUser(access, deployment, inserted!);
      await requestReconcile(tx, [reconcileKey("binding", deployment.bindingId)]);
      const run = await loadSyncRun(tx, ctx.space.id, inserted!.id);
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "sync-run.create",
        targetType: "sync-run",
        targetId: `${input.application}/${input.environment}/${input.component}/${run.id}`,
        after: syncRunAuditView(run),
      });
      return run;
    }),
  );
}
