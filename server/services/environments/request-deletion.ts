import { inArray, isNull, and } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, environmentWorkspaces } from "@/db/schema";
import { requestReconcile } from "../reconcile/request-reconcile";
import { environmentAndWorkspaceKeys } from "./workspace-keys";

/**
 * Marks environments and their workspaces as being deleted and wakes the reconciler, which removes
 * their namespaces and then the rows. Returns the ids it marked (those not already being deleted).
 */
export async function markEnvironmentsForDeletion(
  tx: Db,
  ids: readonly string[],
  now: Date,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const marked = await tx
    .update(environments)
    .set({ deletionRequestedAt: now })
    .where(and(inArray(environments.id, [...ids]), isNull(environments.deletionRequestedAt)))
    .returning({ id: environments.id });
  const markedIds = marked.map((row) => row.id);
  if (markedIds.length === 0) return [];
  await tx
    .update(environmentWorkspaces)
    .set({ deletionRequestedAt: now })
    .where(
      and(
        inArray(environmentWorkspaces.environmentId, markedIds),
        isNull(environmentWorkspaces.deletionRequestedAt),
      ),
    );
  await requestReconcile(tx, await environmentAndWorkspaceKeys(tx, markedIds));
  return markedIds;
}
