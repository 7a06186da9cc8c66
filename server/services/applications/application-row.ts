import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications } from "@/db/schema";
import { AppError, fieldError } from "../errors";

export type TApplicationRow = typeof applications.$inferSelect;

export const applicationNotFound = (name: string) =>
  new AppError("NOT_FOUND", `Application "${name}" was not found in this space.`);

export const applicationNameTaken = (name: string) =>
  fieldError("name", `An application named "${name}" already exists in this space.`, "CONFLICT");

/** The application by name in the space. */
export async function loadApplication(
  tx: Db,
  spaceId: string,
  name: string,
): Promise<TApplicationRow> {
  const [row] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.spaceId, spaceId), eq(applications.name, name)));
  if (!row) throw applicationNotFound(name);
  return row;
}

/** The fields an audit record shows before and after a change. */
export function applicationAuditView(row: TApplicationRow) {
  return { displayName: row.displayName };
}
