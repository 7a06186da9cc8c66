// Environments placed on a claim run in its target's namespace: once the claim is Bound, its
// target's cluster and namespace are copied onto them (and they are woken); once it is Lost, the
// copy is cleared so they wait instead of recreating a namespace nobody owns any more.
import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClaims, deploymentTargets, environments } from "@/db/schema";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import type { TClaimPhase } from "@/server/services/deployment-targets/phases";

export async function syncClaimEnvironments(
  tx: Db,
  claimId: string,
  phase: TClaimPhase,
): Promise<void> {
  let placement: { clusterId: string | null; namespace: string | null } = {
    clusterId: null,
    namespace: null,
  };
  if (phase === "Bound") {
    const [target] = await tx
      .select({ clusterId: deploymentTargets.clusterId, namespace: deploymentTargets.namespace })
      .from(deploymentTargetClaims)
      .innerJoin(deploymentTargets, eq(deploymentTargets.id, deploymentTargetClaims.targetId))
      .where(eq(deploymentTargetClaims.id, claimId));
    if (!target) return;
    placement = target;
  } else if (phase === "Pending") {
    return;
  }
  const changed = await tx
    .update(environments)
    .set({
      ...placement,
      generation: sql`${environments.generation} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(environments.claimId, claimId),
        placement.clusterId === null
          ? isNotNull(environments.clusterId)
          : or(
              sql`${environments.clusterId} is distinct from ${placement.clusterId}`,
              sql`${environments.namespace} is distinct from ${placement.namespace}`,
            ),
      ),
    )
    .returning({ id: environments.id });
  await requestReconcile(
    tx,
    changed.map((env) => reconcileKey("environment", env.id)),
  );
}
