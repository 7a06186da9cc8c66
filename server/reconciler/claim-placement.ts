// An environment placed through a deployment target claim runs in the namespace of the target the
// claim is bound to. Until the claim is Bound there is nowhere to put it (Stalled, saying which
// claim it waits for); once Bound, the target's cluster and namespace are copied onto the row (the
// claim's reconcile wakes its environments when its phase changes). A Lost claim stalls them
// before anything is applied, so no namespace nobody owns any more is recreated.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClaims, deploymentTargets, environments } from "@/db/schema";
import type { TOwner } from "@/server/k8s/labels";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import type { TPassOutcome } from "./status";

type TEnvironmentRow = typeof environments.$inferSelect;

export type TClaimPlacement =
  /** The row is in the bound target's namespace, which the target owns. */
  | { kind: "bound"; namespaceOwner: TOwner }
  /**
   * Nothing to apply (yet): end the pass with this outcome. `objectsGone`: the claim lost its
   * target, and the objects the environment had in the target's namespace went with it.
   */
  | { kind: "waiting"; outcome: TPassOutcome; generation: number; objectsGone?: boolean };

export async function placeOnClaim(
  db: Db,
  env: TEnvironmentRow & { claimId: string },
): Promise<TClaimPlacement> {
  const [found] = await db
    .select({ claim: deploymentTargetClaims, target: deploymentTargets })
    .from(deploymentTargetClaims)
    .leftJoin(deploymentTargets, eq(deploymentTargets.id, deploymentTargetClaims.targetId))
    .where(eq(deploymentTargetClaims.id, env.claimId));
  const { claim, target } = found ?? {};
  if (!claim || claim.phase !== "Bound" || !target) {
    const message = !claim
      ? "its deployment target claim does not exist"
      : claim.phase === "Lost"
        ? `claim ${claim.name} lost its deployment target: an admin must provide another`
        : `waiting for claim ${claim.name} to be bound`;
    const reason = claim?.phase === "Lost" ? "ClaimLost" : "ClaimNotBound";
    return {
      kind: "waiting",
      outcome: { kind: "stalled", reason, message },
      generation: env.generation,
      objectsGone: claim?.phase === "Lost",
    };
  }
  const namespaceOwner: TOwner = { kind: "target", id: target.id };
  if (env.clusterId === target.clusterId && env.namespace === target.namespace) {
    return { kind: "bound", namespaceOwner };
  }
  // This pass holds no lease on the target's cluster (the row named none when it began): record
  // the placement and let the pass that follows, under that cluster's lease, apply.
  const placed = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(environments)
      .set({
        clusterId: target.clusterId,
        namespace: target.namespace,
        generation: sql`${environments.generation} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(environments.id, env.id), eq(environments.claimId, claim.id)))
      .returning({ generation: environments.generation });
    await requestReconcile(tx, [reconcileKey("environment", env.id)]);
    return row;
  });
  return {
    kind: "waiting",
    outcome: {
      kind: "progressing",
      reason: "Placed",
      message: `placed in namespace ${target.namespace} of deployment target ${target.name} (claim ${claim.name})`,
    },
    generation: placed?.generation ?? env.generation,
  };
}
