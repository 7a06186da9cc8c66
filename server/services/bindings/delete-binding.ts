import { eq, sql } from "drizzle-orm";
import { snapshotEnvironmentBindings } from "@/db/schema";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { loadApplication } from "../applications/application-row";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { lockSpaceForChange } from "../spaces/lock-space";
import { bindingAuditView, loadBinding } from "./binding-row";

/**
 * Asks for an application's binding to an environment to go: the reconciler deletes its Argo CD
 * Applications and Secrets first, then the row (finalizer style).
 */
export async function deleteBinding(
  ctx: TSpaceContext,
  input: { application: string; environment: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    const application = await loadApplication(tx, ctx.space.id, input.application);
    const row = await loadBinding(tx, application, input.environment);
    if (row.binding.deletionRequestedAt) return;
    await tx
      .update(snapshotEnvironmentBindings)
      .set({ deletionRequestedAt: sql`now()` })
      .where(eq(snapshotEnvironmentBindings.id, row.binding.id));
    await requestReconcile(tx, [reconcileKey("binding", row.binding.id)]);
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "binding.delete",
      targetType: "binding",
      targetId: `${application.name}/${row.environment.name}`,
      before: bindingAuditView(row.snapshot.name, row.binding.components),
    });
  });
}
