import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargets } from "@/db/schema";
import { AppError } from "../errors";

export const targetNotFound = () =>
  new AppError("NOT_FOUND", "That deployment target was not found. It may have been deleted.");

/** The target row, locked for this transaction; one being deleted counts as gone unless asked. */
export async function lockTarget(db: Db, targetId: string, options: { deleting?: boolean } = {}) {
  const [target] = await db
    .select()
    .from(deploymentTargets)
    .where(eq(deploymentTargets.id, targetId))
    .for("update");
  if (!target || (target.deletionRequestedAt && !options.deleting)) throw targetNotFound();
  return target;
}
