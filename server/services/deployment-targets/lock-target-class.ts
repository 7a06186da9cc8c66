import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClasses } from "@/db/schema";
import { AppError } from "../errors";

export const classNotFound = () =>
  new AppError(
    "NOT_FOUND",
    "That deployment target class was not found. It may have been deleted.",
  );

/** The class row, locked for this transaction (its changes and deletion run one at a time). */
export async function lockTargetClass(db: Db, classId: string) {
  const [row] = await db
    .select()
    .from(deploymentTargetClasses)
    .where(eq(deploymentTargetClasses.id, classId))
    .for("update");
  if (!row) throw classNotFound();
  return row;
}
