import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { spaceMembers, spaces } from "@/db/schema";
import { AppError, spaceNotFound } from "../errors";
import type { TSpaceRow } from "../spaces/get-space-access";

/**
 * Takes the space row's lock. Every membership change takes it first, so two owners demoting or
 * removing each other at once run one after the other: no deadlock, and never zero owners. A space
 * deleted meanwhile is NOT_FOUND rather than a foreign-key failure.
 */
export async function lockSpaceMembership(tx: Db, space: TSpaceRow): Promise<void> {
  const [row] = await tx
    .select({ id: spaces.id })
    .from(spaces)
    .where(eq(spaces.id, space.id))
    .for("update");
  if (!row) throw spaceNotFound(space.name);
}

/** Refuses a change that would leave the space without an owner. Call after lockSpaceMembership. */
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
