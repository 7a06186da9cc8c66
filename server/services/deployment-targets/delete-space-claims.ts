import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClaims } from "@/db/schema";
import { reclaimTarget } from "./reclaim-target";

/**
 * Deleting a space deletes its claims, each releasing or deleting its target per the reclaim
 * policy, as deleting a namespace deletes its PersistentVolumeClaims. Runs in the space's delete
 * transaction; an environment still using a claim keeps the space (its foreign key refuses).
 */
export async function deleteClaimsOfSpace(tx: Db, spaceId: string): Promise<void> {
  const claims = await tx
    .select({ id: deploymentTargetClaims.id, targetId: deploymentTargetClaims.targetId })
    .from(deploymentTargetClaims)
    .where(eq(deploymentTargetClaims.spaceId, spaceId))
    .for("update");
  for (const claim of claims) {
    if (claim.targetId) await reclaimTarget(tx, claim.targetId);
  }
  await tx.delete(deploymentTargetClaims).where(eq(deploymentTargetClaims.spaceId, spaceId));
}
