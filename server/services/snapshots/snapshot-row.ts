import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { snapshotComponents, snapshots } from "@/db/schema";
import type { TSnapshotComponent } from "@/lib/validators/snapshot";
import { AppError, fieldError } from "../errors";

export type TSnapshotRow = typeof snapshots.$inferSelect;

export const snapshotNotFound = (application: string, name: string) =>
  new AppError("NOT_FOUND", `Application "${application}" has no snapshot "${name}".`);

export const snapshotNameTaken = (name: string) =>
  fieldError("name", `This application already has a snapshot named "${name}".`, "CONFLICT");

export async function loadSnapshot(
  tx: Db,
  application: { id: string; name: string },
  name: string,
): Promise<TSnapshotRow> {
  const [row] = await tx
    .select()
    .from(snapshots)
    .where(and(eq(snapshots.applicationId, application.id), eq(snapshots.name, name)));
  if (!row) throw snapshotNotFound(application.name, name);
  return row;
}

/** The images of several snapshots in one query, by snapshot id, components by name. */
export async function loadSnapshotImages(
  db: Db,
  snapshotIds: readonly string[],
): Promise<Map<string, TSnapshotComponent[]>> {
  const byId = new Map<string, TSnapshotComponent[]>(snapshotIds.map((id) => [id, []]));
  if (snapshotIds.length === 0) return byId;
  const rows = await db
    .select()
    .from(snapshotComponents)
    .where(inArray(snapshotComponents.snapshotId, [...snapshotIds]))
    .orderBy(asc(snapshotComponents.snapshotId), asc(snapshotComponents.componentName));
  for (const row of rows) {
    byId.get(row.snapshotId)?.push({ name: row.componentName, containerImage: row.containerImage });
  }
  return byId;
}

/** What an audit record shows of a snapshot. */
export function snapshotAuditView(row: TSnapshotRow, images?: readonly TSnapshotComponent[]) {
  return {
    displayName: row.displayName,
    description: row.description,
    ...(images
      ? { components: Object.fromEntries(images.map((c) => [c.name, c.containerImage])) }
      : {}),
  };
}
