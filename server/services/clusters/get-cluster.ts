import type { TServiceContext } from "../context";
import { clusterView, type TClusterView } from "./cluster-row";
import { clusterUsage, type TClusterUsage } from "./cluster-usage";
import { loadCluster } from "./load-cluster";
import { hubSettingsOf } from "./resolve-hub-cluster";

/**
 * One cluster for its admin page: settings, status, what uses it, its hub and the clusters that
 * could be. Never credentials.
 */
export async function getCluster(
  ctx: TServiceContext,
  input: { name: string },
): Promise<TClusterView & { usage: TClusterUsage } & Awaited<ReturnType<typeof hubSettingsOf>>> {
  const row = await loadCluster(ctx, input.name);
  const [usage, hub] = await Promise.all([clusterUsage(ctx.db, row.id), hubSettingsOf(ctx, row)]);
  return { ...clusterView(row), usage, ...hub };
}
