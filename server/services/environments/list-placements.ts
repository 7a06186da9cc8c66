import { asc, eq, isNull } from "drizzle-orm";
import { clusters, deploymentTargetClaims } from "@/db/schema";
import type { TSpaceContext } from "../context";

/**
 * What the "new environment" form offers: clusters (cordoned ones too, shown disabled, so nobody
 * wonders where a cluster went) with their ceilings, and the space's claims. Never credentials.
 */
export async function listPlacements(ctx: TSpaceContext) {
  const [clusterRows, claims] = await Promise.all([
    ctx.db
      .select({
        id: clusters.id,
        name: clusters.name,
        displayName: clusters.displayName,
        emulated: clusters.emulated,
        cordoned: clusters.cordoned,
        labels: clusters.labels,
        quotaCeilings: clusters.quotaCeilings,
        namespaces: clusters.namespaces,
      })
      .from(clusters)
      .where(isNull(clusters.deletionRequestedAt))
      .orderBy(asc(clusters.name)),
    ctx.db
      .select({
        id: deploymentTargetClaims.id,
        name: deploymentTargetClaims.name,
        phase: deploymentTargetClaims.phase,
      })
      .from(deploymentTargetClaims)
      .where(eq(deploymentTargetClaims.spaceId, ctx.space.id))
      .orderBy(asc(deploymentTargetClaims.name)),
  ]);
  return { clusters: clusterRows, claims };
}
