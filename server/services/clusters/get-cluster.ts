import type { TServiceContext } from "../context";
import { clusterView, type TClusterView } from "./cluster-row";
import { clusterUsage, type TClusterUsage } from "./cluster-usage";
import { loadCluster } from "./load-cluster";

/** One cluster for its admin page: settings, status, and what uses it. Never credentials. */
export async function getCluster(
  ctx: TServiceContext,
  input: { name: string },
): Promise<TClusterView & { usage: TClusterUsage }> {
  const row = await loadCluster(ctx, input.name);
  return { ...clusterView(row), usage: await clusterUsage(ctx.db, row.id) };
}
