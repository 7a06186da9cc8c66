import { eq, sql } from "drizzle-orm";
import { applications } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { lockSpaceForChange } from "../spaces/lock-space";
import { applicationAuditView, loadApplication, type TApplicationRow } from "./application-row";

/** Renames an application for people (its name stays); a save that changes nothing writes nothing. */
export async function updateApplication(
  ctx: TSpaceContext,
  input: { application: string; displayName: string },
): Promise<TApplicationRow> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "contributor");
    const before = await loadApplication(tx, ctx.space.id, input.application);
    if (before.displayName === input.displayName) return before;
    const [after] = await tx
      .update(applications)
      .set({ displayName: input.displayName, updatedAt: sql`now()` })
      .where(eq(applications.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "application.update",
      targetType: "application",
      targetId: after.name,
      before: applicationAuditView(before),
      after: applicationAuditView(after),
    });
    return after;
  });
}
