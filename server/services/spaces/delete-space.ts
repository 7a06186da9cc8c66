import { eq } from "drizzle-orm";
import { spaces } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { fieldError } from "../errors";
import { lockSpaceForChange } from "./lock-space";
import { spaceAuditView } from "./space-audit-view";

/** Deletes the space and its memberships. The audit trail stays (audit rows keep the space id). */
export async function deleteSpace(
  ctx: TSpaceContext,
  input: { confirmName: string },
): Promise<void> {
  if (input.confirmName !== ctx.space.name) {
    throw fieldError("confirmName", `Type "${ctx.space.name}" exactly to confirm deletion.`);
  }
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    await tx.delete(spaces).where(eq(spaces.id, ctx.space.id));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "space.delete",
      targetType: "space",
      targetId: ctx.space.name,
      before: spaceAuditView(ctx.space),
    });
  });
}
