import { recordAuditEvent } from "../audit/record-audit-event";
import type { TServiceContext } from "../context";
import { checkCluster } from "./check-cluster";
import { clusterView, type TClusterView } from "./cluster-row";
import { loadCluster } from "./load-cluster";

/** "Check now": probes the cluster and returns it with the fresh status. */
export async function checkClusterNow(
  ctx: TServiceContext,
  input: { name: string },
): Promise<TClusterView> {
  const row = await loadCluster(ctx, input.name);
  const outcome = await checkCluster(ctx.db, row.id);
  await recordAuditEvent(ctx, {
    spaceId: null,
    action: "cluster.check",
    targetType: "cluster",
    targetId: row.name,
    after: { ready: outcome.ready, reason: outcome.reason, message: outcome.message },
  });
  return clusterView(await loadCluster(ctx, input.name));
}
