import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters } from "@/db/schema";
import { fieldError } from "../errors";

/** The cluster a class provisions on, locked for this transaction so a concurrent delete waits. */
export async function loadClusterForClass(db: Db, clusterId: string) {
  const [cluster] = await db
    .select({
      id: clusters.id,
      name: clusters.name,
      quotaCeilings: clusters.quotaCeilings,
      clusterResources: clusters.clusterResources,
      namespaces: clusters.namespaces,
      deletionRequestedAt: clusters.deletionRequestedAt,
    })
    .from(clusters)
    .where(eq(clusters.id, clusterId))
    .for("share");
  if (!cluster) throw fieldError("clusterId", "That cluster no longer exists. Choose another.");
  // Its row goes once its environments are gone; a class on it would keep it forever.
  if (cluster.deletionRequestedAt)
    throw fieldError("clusterId", `Cluster "${cluster.name}" is being deleted; choose another.`);
  return cluster;
}

/** Dynamic targets are namespaces: Slipway must be allowed cluster-scoped resources and any name. */
export function assertCanProvisionOn(cluster: {
  name: string;
  clusterResources: boolean;
  namespaces: string[];
}): void {
  if (!cluster.clusterResources || cluster.namespaces.length > 0) {
    throw fieldError(
      "clusterId",
      `Slipway may not create namespaces on ${cluster.name} (it is limited to some namespaces or to namespaced resources). Choose another cluster.`,
    );
  }
}
