import { eq, sql } from "drizzle-orm";
import { spaces } from "@/db/schema";
import type { TUpdateSpace } from "@/lib/validators/space";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { spaceNotFound } from "../errors";
import { lockSpaceForChange } from "./lock-space";
import { spaceAuditView } from "./space-audit-view";
import type { TSpaceRow } from "./space-row";

/**
 * Edits display name and description; the name is immutable (it names namespaces). A save that
 * changes nothing writes nothing, audit record included. A space deleted at the same moment is
 * NOT_FOUND (the lock finds no row).
 */
export async function updateSpace(
  ctx: TSpaceContext,
  input: Omit<TUpdateSpace, "space">,
): Promise<TSpaceRow> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    const [before] = await tx.select().from(spaces).where(eq(spaces.id, ctx.space.id));
    if (!before) throw spaceNotFound(ctx.space.name);
    if (before.displayName === input.displayName && before.description === input.description) {
      return before;
    }
    const [after] = await tx
      .update(spaces)
      .set({
        displayName: input.displayName,
        description: input.description,
        updatedAt: sql`now()`,
      })
      .where(eq(spaces.id, ctx.space.id))
      .returning();
    if (!after) throw spaceNotFound(ctx.space.name);
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "space.update",
      targetType: "space",
      targetId: ctx.space.name,
      before: spaceAuditView(before),
      after: spaceAuditView(after),
    });
    return after;
  });
}
