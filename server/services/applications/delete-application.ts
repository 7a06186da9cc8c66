import { eq } from "drizzle-orm";
import { applications } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { fieldError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { applicationAuditView, loadApplication } from "./application-row";

/**
 * Deletes the application after its name is typed out; its components, pipeline map, snapshots
 * and bindings go with it (one statement, the foreign keys cascade).
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
    await tx.delete(applications).where(eq(applications.id, row.id));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "application.delete",
      targetType: "application",
      targetId: row.name,
      before: applicationAuditView(row),
    });
  });
}
