import { eq, sql } from "drizzle-orm";
import { spaces } from "@/db/schema";
import type { TUpdateSpace } from "@/lib/validators/space";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TServiceContext } from "../context";
import { spaceAuditView } from "./create-space";
import type { TSpaceRow } from "./get-space-access";

/** Edits display name and description; the name is immutable (it will name namespaces). */
export async function updateSpace(
  ctx: TServiceContext,
  space: TSpaceRow,
  input: Omit<TUpdateSpace, "space">,
): Promise<TSpaceRow> {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(spaces).where(eq(spaces.id, space.id)).for("update");
    if (!before) throw new Error(`space ${space.id} vanished`);
    const [after] = await tx
      .update(spaces)
      .set({
        displayName: input.displayName,
        description: input.description,
        updatedAt: sql`now()`,
      })
      .where(eq(spaces.id, space.id))
      .returning();
    if (!after) throw new Error(`space ${space.id} vanished`);
    await recordAuditEvent(tx, {
      actor: ctx.actor,
      spaceId: space.id,
      action: "space.update",
      targetType: "space",
      targetId: space.name,
      before: spaceAuditView(before),
      after: spaceAuditView(after),
      requestId: ctx.requestId,
    });
    return after;
  });
}
