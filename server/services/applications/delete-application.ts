import { and, eq, isNull, sql } from "drizzle-orm";
import { applications, snapshotEnvironmentBindings } from "@/db/schema";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { fieldError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { applicationAuditView, loadApplication } from "./application-row";

/**
 * Deletes the application after its name is typed out; its components, pipeline map, snapshots
 * and bindings go with it (the foreign keys cascade). While bindings have Argo CD Applications
 * out, it becomes a deletion request: each binding's reconcile removes its Applications and row,
 * and the last one removes the application.
 */
export async function deleteApplication(
  ctx: TSpaceContext,
  input: { application: string; confirmName: string },
): Promise<void> {
  if (input.confirmName !== input.application) {
    throw fieldError("confirmName", `Type "${input.application}" exactly to confirm deletion.`);
  }
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    const row = await loadApplication(tx, ctx.space.id, input.application);
    const bindings = snapshotEnvironmentBindings;
    const bound = await tx
      .select({ id: bindings.id })
      .from(bindings)
      .where(eq(bindings.applicationId, row.id));
    if (bound.length === 0) {
      await tx.delete(applications).where(eq(applications.id, row.id));
    } else {
      await tx
        .update(applications)
        .set({ deletionRequestedAt: sql`now()` })
        .where(eq(applications.id, row.id));
      await tx
        .update(bindings)
        .set({ deletionRequestedAt: sql`now()` })
        .where(and(eq(bindings.applicationId, row.id), isNull(bindings.deletionRequestedAt)));
      await requestReconcile(
        tx,
        bound.map((b) => reconcileKey("binding", b.id)),
      );
    }
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "application.delete",
      targetType: "application",
      targetId: row.name,
      before: applicationAuditView(row),
    });
  });
}
