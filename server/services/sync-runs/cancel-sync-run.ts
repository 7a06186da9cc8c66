import { eq, sql } from "drizzle-orm";
import { syncRuns } from "@/db/schema";
import type { TSyncRunRef } from "@/lib/validators/sync-run";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { AppError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { withUserCluster } from "../connections/user-cluster-access";
import { lockSpaceForChange } from "../spaces/lock-space";
import { cancelOperationAsUser } from "./sync-run-as-user";
import { ACTIVE_STATES, loadRunPlace, loadSyncRun, syncRunAuditView } from "./sync-run-row";

/**
 * Asks for a pending or running sync run to stop. The binding's reconcile carries it out as Argo
 * CD's terminate does (operationState phase Terminating), or withdraws the operation if Argo CD
 * has not started it; the run becomes Terminated once that is seen. Asking twice is harmless.
 * Where the Application's cluster has user sign-in, that step is first dry-run as the person, so
 * the cluster's RBAC decides before the request is recorded (sync-run-as-user.ts).
 */
export async function cancelSyncRun(ctx: TSpaceContext, input: Omit<TSyncRunRef, "space">) {
  const place = await loadRunPlace(ctx.db, ctx.space.id, input.id);
  return withUserCluster(ctx, ctx.actor.id, place.argoCdClusterId, (access) =>
    ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const run = await loadSyncRun(tx, ctx.space.id, input.id);
      if (!ACTIVE_STATES.includes(run.state)) {
        throw new AppError(
          "CONFLICT",
          `This sync run already ${run.state === "Terminated" ? "was cancelled" : `finished (${run.state})`}; only a pending or running one can be cancelled.`,
        );
      }
      if (run.cancelRequestedAt) return run;
      if (access.kind === "user") {
        await cancelOperationAsUser(access, place, {
          id: run.id,
          revisionId: run.revisionID,
          requestedByLabel: run.requestedBy,
          state: run.state,
          message: run.message,
          operationPhase: run.operationPhase,
          cancelRequestedAt: null,
          startedAt: run.startedAt?.toISOString() ?? null,
          finishedAt: run.finishedAt?.toISOString() ?? null,
        });
      }
      await tx
        .update(syncRuns)
        .set({ cancelRequestedAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(syncRuns.id, run.id));
      await requestReconcile(tx, [reconcileKey("binding", run.bindingId)]);
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "sync-run.cancel",
        targetType: "sync-run",
        targetId: `${run.application}/${run.environment}/${run.component}/${run.id}`,
        before: syncRunAuditView(run),
      });
      return loadSyncRun(tx, ctx.space.id, run.id);
    }),
  );
}
