import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters, deploymentTargetClaims, deploymentTargetClasses } from "@/db/schema";
import type { TEnvironmentRow } from "./environment-row";

/** The quota ceilings of an existing environment's cluster (a claim's: its class's cluster). */
export async function resolveCeilings(
  tx: Db,
  row: Pick<TEnvironmentRow, "clusterId" | "claimId">,
): Promise<Record<string, string>> {
  if (row.clusterId) {
    const [cluster] = await tx
      .select({ ceilings: clusters.quotaCeilings })
      .from(clusters)
      .where(eq(clusters.id, row.clusterId));
    return cluster?.ceilings ?? {};
  }
  if (!row.claimId) return {};
  const [claim] = await tx
    .select({ ceilings: clusters.quotaCeilings })
    .from(deploymentTargetClaims)
    .innerJoin(
      deploymentTargetClasses,
      eq(deploymentTargetClasses.id, deploymentTargetClaims.classId),
    )
    .innerJoin(clusters, eq(clusters.id, deploymentTargetClasses.clusterId))
    .where(eq(deploymentTargetClaims.id, row.claimId));
  return claim?.ceilings ?? {};
}
