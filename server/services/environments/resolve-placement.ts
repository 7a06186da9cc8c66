import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters, deploymentTargetClaims, deploymentTargetClasses } from "@/db/schema";
import { fieldError } from "../errors";

/** Where a new environment's namespace goes, and the cluster rules it must follow. */
export interface TPlacement {
  clusterId: string | null;
  claimId: string | null;
  /** The cluster's ceilings (a claim's: its class's cluster), keyed like ResourceQuota `hard`. */
  quotaCeilings: Record<string, string>;
  /** The namespaces the cluster allows Slipway; empty means any. */
  allowedNamespaces: string[];
}

/**
 * The chosen cluster, refused when it is cordoned or being deleted; or a claim of this space,
 * refused when it is being deleted (its bound target's namespace is copied in by the reconciler).
 */
export async function resolvePlacement(
  tx: Db,
  spaceId: string,
  input: { clusterId: string | null; claimId: string | null },
): Promise<TPlacement> {
  if (input.clusterId) {
    const [cluster] = await tx.select().from(clusters).where(eq(clusters.id, input.clusterId));
    if (!cluster) throw fieldError("clusterId", "That cluster does not exist any more.");
    if (cluster.deletionRequestedAt) {
      throw fieldError("clusterId", `Cluster "${cluster.name}" is being deleted; choose another.`);
    }
    if (cluster.cordoned) {
      throw fieldError(
        "clusterId",
        `Cluster "${cluster.name}" is cordoned: it takes no new environments. Choose another.`,
      );
    }
    return {
      clusterId: cluster.id,
      claimId: null,
      quotaCeilings: cluster.quotaCeilings,
      allowedNamespaces: cluster.namespaces,
    };
  }
  const [claim] = await tx
    .select({ claim: deploymentTargetClaims, ceilings: clusters.quotaCeilings })
    .from(deploymentTargetClaims)
    .innerJoin(
      deploymentTargetClasses,
      eq(deploymentTargetClasses.id, deploymentTargetClaims.classId),
    )
    .innerJoin(clusters, eq(clusters.id, deploymentTargetClasses.clusterId))
    .where(
      and(
        eq(deploymentTargetClaims.id, input.claimId ?? ""),
        eq(deploymentTargetClaims.spaceId, spaceId),
      ),
    );
  if (!claim) throw fieldError("claimId", "That deployment target claim is not in this space.");
  if (claim.claim.deletionRequestedAt) {
    throw fieldError("claimId", `Claim "${claim.claim.name}" is being deleted; choose another.`);
  }
  // The target (not Slipway) owns the namespace, so no allowed-namespace list applies here.
  return {
    clusterId: null,
    claimId: claim.claim.id,
    quotaCeilings: claim.ceilings,
    allowedNamespaces: [],
  };
}
