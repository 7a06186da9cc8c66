// Rows for deployment target tests: a class on a cluster (clusters come from testing/clusters.ts),
// static targets and a claim bound to one.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { deploymentTargetClaims, deploymentTargetClasses, deploymentTargets } from "../db/schema";
import type { TTargetReconcileDeps } from "../server/reconciler/deployment-target-deps";
import { reconcileClaim } from "../server/reconciler/reconcile-claim";
import { reconcileTarget } from "../server/reconciler/reconcile-target";

export async function insertTestClass(
  db: Db,
  name: string,
  clusterId: string,
  reclaimPolicy: "Retain" | "Delete" = "Delete",
) {
  const [row] = await db
    .insert(deploymentTargetClasses)
    .values({ name, clusterId, reclaimPolicy })
    .returning();
  if (!row) throw new Error("class insert returned nothing");
  return row;
}

export interface TTargetFixture {
  /** A class with a bound target and a claim. */
  classId: string;
  /** A class nothing uses (the one to delete). */
  unusedClassId: string;
  /** An Available static target no claim holds (the one to delete). */
  freeTargetId: string;
  /** A Released target (the one to offer again). */
  releasedTargetId: string;
  /** A claim in the space, bound to a static target. */
  claim: string;
}

/**
 * Two classes on the cluster, a free target and a bound claim in the space (not the one a test
 * deletes: a space with claims is not deleted); `n` keeps names unique.
 */
export async function arrangeTargets(
  db: Db,
  spaceId: string,
  clusterId: string,
  n: number,
): Promise<TTargetFixture> {
  const used = await insertTestClass(db, `class-${n}`, clusterId);
  const unused = await insertTestClass(db, `unused-class-${n}`, clusterId);
  const phases = { free: "Available", bound: "Bound", released: "Released" } as const;
  const [free, bound, released] = await db
    .insert(deploymentTargets)
    .values(
      (["free", "bound", "released"] as const).map((kind) => ({
        name: `${kind}-target-${n}`,
        classId: used.id,
        clusterId,
        namespace: `${kind}-ns-${n}`,
        provisioning: "static" as const,
        phase: phases[kind],
      })),
    )
    .returning();
  if (!free || !bound || !released) throw new Error("target insert returned nothing");
  await db.insert(deploymentTargetClaims).values({
    spaceId,
    name: `claim-${n}`,
    classId: used.id,
    targetId: bound.id,
    phase: "Bound",
  });
  return {
    classId: used.id,
    unusedClassId: unused.id,
    freeTargetId: free.id,
    releasedTargetId: released.id,
    claim: `claim-${n}`,
  };
}

/**
 * Runs a new claim's passes by hand, as the reconciler would (claim → its target provisioned on the
 * cluster → claim Bound), and returns the target row, sealed token and all.
 */
export async function provisionClaim(deps: TTargetReconcileDeps, claimId: string) {
  await reconcileClaim(deps, claimId);
  const [claim] = await deps.db
    .select({ targetId: deploymentTargetClaims.targetId })
    .from(deploymentTargetClaims)
    .where(eq(deploymentTargetClaims.id, claimId));
  if (!claim?.targetId) throw new Error("the claim's pass made no target");
  await reconcileTarget(deps, claim.targetId);
  await reconcileClaim(deps, claimId);
  const [target] = await deps.db
    .select()
    .from(deploymentTargets)
    .where(eq(deploymentTargets.id, claim.targetId));
  if (!target) throw new Error("the target is gone");
  return target;
}
