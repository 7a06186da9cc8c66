import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClasses, deploymentTargets } from "@/db/schema";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { reclaimAction } from "./phases";

/** Releases or deletes the claim's target per its reclaim policy. */
export async function reclaimTarget(tx: Db, targetId: string) {
  const [target] = await tx
    .select({
      id: deploymentTargets.id,
      name: deploymentTargets.name,
      provisioning: deploymentTargets.provisioning,
      reclaimPolicy: deploymentTargetClasses.reclaimPolicy,
    })
    .from(deploymentTargets)
    .innerJoin(deploymentTargetClasses, eq(deploymentTargetClasses.id, deploymentTargets.classId))
    .where(eq(deploymentTargets.id, targetId))
    .for("update", { of: deploymentTargets });
  if (!target) return null;
  const action = reclaimAction(target.provisioning, target.reclaimPolicy);
  await tx
    .update(deploymentTargets)
    .set(
      action === "delete"
        ? {
            deletionRequestedAt: sql`coalesce(${deploymentTargets.deletionRequestedAt}, now())`,
            generation: sql`${deploymentTargets.generation} + 1`,
            updatedAt: sql`now()`,
          }
        : { phase: "Released", updatedAt: sql`now()` },
    )
    .where(eq(deploymentTargets.id, target.id));
  await requestReconcile(tx, [reconcileKey("target", target.id)]);
  return { target: target.name, action };
}
