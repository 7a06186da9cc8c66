import { eq } from "drizzle-orm";
import { snapshotEnvironmentBindings } from "@/db/schema";
import { loadApplication } from "../applications/application-row";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { lockSpaceForChange } from "../spaces/lock-space";
import { bindingAuditView, loadBinding } from "./binding-row";

/** Removes an application's binding to an environment. */
export async function deleteBinding(
  ctx: TSpaceContext,
  input: { application: string; environment: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    const application = await loadApplication(tx, ctx.space.id, input.application);
    const row = await loadBinding(tx, application, input.environment);
    await tx
      .delete(snapshotEnvironmentBindings)
      .where(eq(snapshotEnvironmentBindings.id, row.binding.id));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "binding.delete",
      targetType: "binding",
      targetId: `${application.name}/${row.environment.name}`,
      before: bindingAuditView(row.snapshot.name, row.binding.components),
    });
  });
}
