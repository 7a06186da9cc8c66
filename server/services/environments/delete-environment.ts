import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { fieldError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { environmentAuditView, loadEnvironment } from "./environment-row";
import { markEnvironmentsForDeletion } from "./request-deletion";

/**
 * Asks for the environment's deletion after its name is typed out. The namespace and everything
 * Slipway made there are deleted by the reconciler; the row goes once the cluster confirms.
 * Asking again while it is being deleted changes nothing.
 */
export async function deleteEnvironment(
  ctx: TSpaceContext,
  input: { environment: string; confirmName: string },
): Promise<void> {
  if (input.confirmName !== input.environment) {
    throw fieldError("confirmName", `Type "${input.environment}" exactly to confirm deletion.`);
  }
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    const row = await loadEnvironment(tx, ctx.space.id, input.environment, { lock: true });
    const marked = await markEnvironmentsForDeletion(tx, [row.id], new Date());
    if (marked.length === 0) return;
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "environment.delete",
      targetType: "environment",
      targetId: row.name,
      before: environmentAuditView(row),
    });
  });
}
