import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments } from "@/db/schema";
import { AppError } from "../errors";

export type TEnvironmentRow = typeof environments.$inferSelect;

export const environmentNotFound = (name: string) =>
  new AppError("NOT_FOUND", `Environment "${name}" was not found in this space.`);

/** The environment by name in the space, locked for this transaction when `lock` is set. */
export async function loadEnvironment(
  tx: Db,
  spaceId: string,
  name: string,
  options: { lock?: boolean } = {},
): Promise<TEnvironmentRow> {
  const query = tx
    .select()
    .from(environments)
    .where(and(eq(environments.spaceId, spaceId), eq(environments.name, name)))
    .$dynamic();
  const [row] = await (options.lock ? query.for("update") : query);
  if (!row) throw environmentNotFound(name);
  return row;
}

/** Changes to an environment being deleted would be undone by the deletion; refuse them. */
export function assertNotDeleting(row: TEnvironmentRow): void {
  if (row.deletionRequestedAt) {
    throw new AppError(
      "BAD_REQUEST",
      `Environment "${row.name}" is being deleted; it can no longer be changed.`,
    );
  }
}

/** The fields an audit record shows before and after a change. */
export function environmentAuditView(row: TEnvironmentRow) {
  return {
    displayName: row.displayName,
    description: row.description,
    type: row.type,
    namespace: row.namespace,
    parentId: row.parentId,
    deploymentStrategy: row.deploymentStrategy,
    variables: row.variables.map((v) => v.name),
    tags: row.tags,
    quota: row.quota,
    contributorNamespaces: row.contributorNamespaces,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
