import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spaceMembers } from "@/db/schema";
import { AppError } from "../errors";

/** Refuses a change that would leave the space without an owner. Call under lockSpaceForChange. */
export async function assertKeepsAnOwner(
  tx: Db,
  spaceId: string,
  losingOwnerId: string,
): Promise<void> {
  const owners = await tx
    .select({ userId: spaceMembers.userId })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.role, "owner")));
  const isOwner = owners.some((o) => o.userId === losingOwnerId);
  if (isOwner && owners.length === 1) {
    throw new AppError(
      "BAD_REQUEST",
      "A space must keep at least one owner. Make another member an owner first, or delete the space.",
    );
  }
}
