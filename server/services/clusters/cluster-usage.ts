import { and, count, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClasses, deploymentTargets, environments } from "@/db/schema";

export interface TClusterUsage {
  environments: number;
  /** Of those, already being deleted. */
  environmentsBeingDeleted: number;
  deploymentTargetClasses: number;
  deploymentTargets: number;
}

/** What uses a cluster, for the delete dialog and the delete refusal. */
export async function clusterUsage(db: Db, clusterId: string): Promise<TClusterUsage> {
  const [[envs], [deleting], [classes], [targets]] = await Promise.all([
    db.select({ n: count() }).from(environments).where(eq(environments.clusterId, clusterId)),
    db
      .select({ n: count() })
      .from(environments)
      .where(
        and(eq(environments.clusterId, clusterId), isNotNull(environments.deletionRequestedAt)),
      ),
    db
      .select({ n: count() })
      .from(deploymentTargetClasses)
      .where(eq(deploymentTargetClasses.clusterId, clusterId)),
    db
      .select({ n: count() })
      .from(deploymentTargets)
      .where(eq(deploymentTargets.clusterId, clusterId)),
  ]);
  return {
    environments: Number(envs?.n ?? 0),
    environmentsBeingDeleted: Number(deleting?.n ?? 0),
    deploymentTargetClasses: Number(classes?.n ?? 0),
    deploymentTargets: Number(targets?.n ?? 0),
  };
}
