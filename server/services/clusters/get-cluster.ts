import type { TServiceContext } from "../context";
import { listManagedObjects, type TManagedObjectRow } from "../reconcile/list-managed-objects";
import { reconcileKey } from "../reconcile/request-reconcile";
import { clusterView, type TClusterView } from "./cluster-row";
import { clusterUsage, type TClusterUsage } from "./cluster-usage";
import { loadCluster } from "./load-cluster";
import { hubSettingsOf } from "./resolve-hub-cluster";

/**
 * One cluster for its admin page: settings, status, what uses it, its hub and the clusters that
 * could be, and the objects its own passes applied (as a hub: the Argo CD cluster Secrets of its
 * spokes, redacted). Never credentials.
 */
export async function getCluster(
  ctx: TServiceContext,
  input: { name: string },
): Promise<
  TClusterView & { usage: TClusterUsage; objects: TManagedObjectRow[] } & Awaited<
      ReturnType<typeof hubSettingsOf>
    >
> {
  const row = await loadCluster(ctx, input.name);
  const [usage, hub, objects] = await Promise.all([
    clusterUsage(ctx.db, row.id),
    hubSettingsOf(ctx, row),
    listManagedObjects(ctx.db, reconcileKey("cluster", row.id)),
  ]);
  return { ...clusterView(row), usage, objects, ...hub };
}
