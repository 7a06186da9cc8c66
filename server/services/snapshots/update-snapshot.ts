import { eq, sql } from "drizzle-orm";
import { snapshots } from "@/db/schema";
import { loadApplication } from "../applications/application-row";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { lockSpaceForChange } from "../spaces/lock-space";
import { loadSnapshot, snapshotAuditView, type TSnapshotRow } from "./snapshot-row";

/**
 * Edits what people call a snapshot and how they describe it. Its application, components, images
 * and artifacts are fixed at creation (the input schema refuses them here, in words).
 */
export async function updateSnapshot(
  ctx: TSpaceContext,
  input: { application: string; snapshot: string; displayName: string; description?: string },
): Promise<TSnapshotRow> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "contributor");
    const application = await loadApplication(tx, ctx.space.id, input.application);
    const before = await loadSnapshot(tx, application, input.snapshot);
    const description = input.description ?? before.description;
    if (before.displayName === input.displayName && before.description === description)
      return before;
    const [after] = await tx
      .update(snapshots)
      .set({
        displayName: input.displayName,
        description,
        updatedAt: sql`now()`,
      })
      .where(eq(snapshots.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "snapshot.update",
      targetType: "snapshot",
      targetId: `${application.name}/${after.name}`,
      before: snapshotAuditView(before),
      after: snapshotAuditView(after),
    });
    return after;
  });
}
