import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments } from "@/db/schema";
import { fieldError } from "../errors";

/**
 * The parent must be another environment of the same space, and following parents up from it must
 * never reach the environment itself: the promotion graph stays a forest. Walks at most as many
 * steps as the space has environments, so even a graph corrupted by hand cannot loop forever.
 */
export async function assertValidParent(
  tx: Db,
  spaceId: string,
  parentId: string | null,
  self: { id: string; name: string } | null,
): Promise<void> {
  if (parentId === null) return;
  const rows = await tx
    .select({
      id: environments.id,
      name: environments.name,
      parentId: environments.parentId,
      deleting: environments.deletionRequestedAt,
    })
    .from(environments)
    .where(eq(environments.spaceId, spaceId));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const parent = byId.get(parentId);
  if (!parent) throw fieldError("parentId", "The parent must be an environment of this space.");
  if (parent.deleting) {
    throw fieldError(
      "parentId",
      `Environment "${parent.name}" is being deleted; choose another parent.`,
    );
  }
  if (!self) return;
  if (parentId === self.id) {
    throw fieldError("parentId", "An environment cannot be its own parent.");
  }
  // Promotion runs parent → child; the message lists the loop in that direction.
  const path = [self.name];
  let at: (typeof rows)[number] | undefined = parent;
  for (let steps = 0; at && steps <= rows.length; steps += 1) {
    path.push(at.name);
    if (at.id === self.id) {
      throw fieldError(
        "parentId",
        `That would make a cycle in the promotion order: ${path.reverse().join(" → ")}.`,
      );
    }
    at = at.parentId ? byId.get(at.parentId) : undefined;
  }
}
