import { eq } from "drizzle-orm";
import { spaceMembers, spaces } from "@/db/schema";
import type { TCreateSpace } from "@/lib/validators/space";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { isUniqueViolation } from "../db-errors";
import { fieldError } from "../errors";
import { spaceAuditView } from "./space-audit-view";
import type { TSpaceRow } from "./space-row";

const nameTaken = (name: string) =>
  fieldError("name", `A space named "${name}" already exists.`, "CONFLICT");

/** Creates the space with its creator as owner, in one transaction with its audit record. */
export async function createSpace(ctx: TServiceContext, input: TCreateSpace): Promise<TSpaceRow> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: spaces.id })
        .from(spaces)
        .where(eq(spaces.name, input.name));
      if (existing) throw nameTaken(input.name);
      const [space] = await tx
        .insert(spaces)
        .values({ ...input, createdBy: ctx.actor.id })
        .returning();
      if (!space) throw new Error("insert returned no row");
      await tx
        .insert(spaceMembers)
        .values({ spaceId: space.id, userId: ctx.actor.id, role: "owner" });
      await recordAuditEvent(inTransaction(ctx, tx), {
        spaceId: space.id,
        action: "space.create",
        targetType: "space",
        targetId: space.name,
        after: spaceAuditView(space),
      });
      return space;
    });
  } catch (error) {
    // Two creators racing past the check: the unique index decides, with the same message.
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}
