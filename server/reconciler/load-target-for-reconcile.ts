import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClaims, deploymentTargetClasses, deploymentTargets } from "@/db/schema";

/** The target, its class's quota and the claims referring to it (none or one, by unique index). */
export async function loadTargetForReconcile(db: Db, id: string) {
  const [row] = await db
    .select({ target: deploymentTargets, quota: deploymentTargetClasses.parameters })
    .from(deploymentTargets)
    .innerJoin(deploymentTargetClasses, eq(deploymentTargetClasses.id, deploymentTargets.classId))
    .where(eq(deploymentTargets.id, id));
  if (!row) return null;
  const claims = await db
    .select({ id: deploymentTargetClaims.id })
    .from(deploymentTargetClaims)
    .where(eq(deploymentTargetClaims.targetId, id));
  return { ...row.target, quota: row.quota.quota ?? {}, claimIds: claims.map((c) => c.id) };
}

export type TTargetForReconcile = NonNullable<Awaited<ReturnType<typeof loadTargetForReconcile>>>;
