import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, environmentWorkspaces, snapshotEnvironmentBindings } from "@/db/schema";
import { reconcileKey, type TReconcileKey } from "../reconcile/request-reconcile";

/** The reconcile keys of the given environments and of all their workspaces. */
export async function environmentAndWorkspaceKeys(
  tx: Db,
  environmentIds: readonly string[],
): Promise<TReconcileKey[]> {
  if (environmentIds.length === 0) return [];
  const workspaces = await tx
    .select({ id: environmentWorkspaces.id })
    .from(environmentWorkspaces)
    .where(inArray(environmentWorkspaces.environmentId, [...environmentIds]));
  return [
    ...environmentIds.map((id) => reconcileKey("environment", id)),
    ...workspaces.map((w) => reconcileKey("workspace", w.id)),
  ];
}

/**
 * Every environment, workspace and binding key of a space: what a membership change affects
 * (bindings bind the members to their Argo CD Applications, see argo-application-access.ts).
 */
export async function spaceReconcileKeys(tx: Db, spaceId: string): Promise<TReconcileKey[]> {
  const rows = await tx
    .select({ id: environments.id })
    .from(environments)
    .where(eq(environments.spaceId, spaceId));
  const bindings = await tx
    .select({ id: snapshotEnvironmentBindings.id })
    .from(snapshotEnvironmentBindings)
    .where(eq(snapshotEnvironmentBindings.spaceId, spaceId));
  return [
    ...(await environmentAndWorkspaceKeys(
      tx,
      rows.map((row) => row.id),
    )),
    ...bindings.map((b) => reconcileKey("binding", b.id)),
  ];
}
