import { eq } from "drizzle-orm";
import { spaces } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TServiceContext } from "../context";
import { fieldError } from "../errors";
import { spaceAuditView } from "./create-space";
import type { TSpaceRow } from "./get-space-access";

/** Deletes the space and its memberships. The audit trail stays (audit rows keep the space id). */
export async function deleteSpace(
  ctx: TServiceContext,
  space: TSpaceRow,
  confirmName: string,
): Promise<void> {
  if (confirmName !== space.name) {
    throw fieldError("confirmName", `Type "${space.name}" exactly to confirm deletion.`);
  }
  await ctx.db.transaction(async (tx) => {
    await tx.delete(spaces).where(eq(spaces.id, space.id));
    await recordAuditEvent(tx, {
      actor: ctx.actor,
      spaceId: space.id,
      action: "space.delete",
      targetType: "space",
      targetId: space.name,
      before: spaceAuditView(space),
      requestId: ctx.requestId,
    });
  });
}
