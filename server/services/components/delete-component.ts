import { eq } from "drizzle-orm";
import { components } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { bindingKeysOfApplication } from "../bindings/binding-keys";
import { requestReconcile } from "../reconcile/request-reconcile";
import { loadApplication } from "../applications/application-row";
import { inTransaction, type TSpaceContext } from "../context";
import { lockSpaceForChange } from "../spaces/lock-space";
import { componentAuditView, loadComponent } from "./component-row";

/**
 * Removes a component from its application. Snapshots that hold an image of it keep saying so
 * (they are history and never change); new snapshots can no longer name it.
 */
export async function deleteComponent(
  ctx: TSpaceContext,
  input: { application: string; component: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    const application = await loadApplication(tx, ctx.space.id, input.application);
    const row = await loadComponent(tx, application, input.component);
    await tx.delete(components).where(eq(components.id, row.id));
    // Its Applications are pruned by the bindings' next pass.
    await requestReconcile(tx, await bindingKeysOfApplication(tx, application.id));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "component.delete",
      targetType: "component",
      targetId: `${application.name}/${row.name}`,
      before: componentAuditView(row),
    });
  });
}
