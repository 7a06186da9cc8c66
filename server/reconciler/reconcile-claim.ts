// Reconciles one deployment target claim (key claim/<id>), as Kubernetes' PV controller does a
// PVC: a Pending claim with no target gets one (bound or provisioned, see bind-claim.ts); a claim
// whose target is Bound is Bound; a Bound claim whose target vanished is Lost. Database only: the
// cluster work is the target's.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClaims, deploymentTargets, environments, spaces } from "@/db/schema";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import { claimPhaseFor, type TClaimPhase } from "@/server/services/deployment-targets/phases";
import { bindClaim, type TBindResult } from "./bind-claim";
import { DONE, type TReconcileResult } from "./controller";
import { nextStatus, sameConditions, type TStatusVerdict } from "./deployment-target-status";

export interface TClaimReconcileDeps {
  db: Db;
  now: () => Date;
}

export async function reconcileClaim(
  deps: TClaimReconcileDeps,
  id: string,
): Promise<TReconcileResult> {
  await deps.db.transaction(async (tx) => {
    const [claim] = await tx
      .select({ claim: deploymentTargetClaims, spaceName: spaces.name })
      .from(deploymentTargetClaims)
      .innerJoin(spaces, eq(spaces.id, deploymentTargetClaims.spaceId))
      .where(eq(deploymentTargetClaims.id, id))
      .for("update", { of: deploymentTargetClaims });
    if (!claim) return;
    const row = claim.claim;
    let phase: TClaimPhase;
    let verdict: TStatusVerdict;
    if (!row.targetId && row.phase === "Pending") {
      const result = await bindClaim(tx, { ...row, spaceName: claim.spaceName });
      phase = result.kind === "bound" ? "Bound" : "Pending";
      verdict = bindVerdict(result);
    } else {
      const [target] = row.targetId
        ? await tx
            .select({
              name: deploymentTargets.name,
              phase: deploymentTargets.phase,
              deletionRequestedAt: deploymentTargets.deletionRequestedAt,
            })
            .from(deploymentTargets)
            .where(eq(deploymentTargets.id, row.targetId))
        : [];
      const found = target ? { ...target, deleting: target.deletionRequestedAt !== null } : null;
      phase = claimPhaseFor(row, found);
      verdict = targetVerdict(phase, found);
    }
    const status = nextStatus(row.status, row.generation, verdict, deps.now());
    // An idle resync of a settled claim writes nothing.
    if (phase !== row.phase || !sameConditions(row.status, status)) {
      await tx
        .update(deploymentTargetClaims)
        .set({ phase, status, updatedAt: sql`now()` })
        .where(eq(deploymentTargetClaims.id, row.id));
    }
    // Environments on the claim place themselves (claim-placement.ts): wake them when it moves.
    if (phase !== row.phase) {
      const placed = await tx
        .select({ id: environments.id })
        .from(environments)
        .where(eq(environments.claimId, row.id));
      await requestReconcile(
        tx,
        placed.map((env) => reconcileKey("environment", env.id)),
      );
    }
  });
  return DONE;
}

function bindVerdict(result: TBindResult): TStatusVerdict {
  switch (result.kind) {
    case "bound":
      return { ready: true, reason: "Bound", message: `Bound to target ${result.target}.` };
    case "provisioning":
      return {
        ready: false,
        waiting: true,
        reason: "Provisioning",
        message: `Provisioning target ${result.target}.`,
      };
    case "cordoned":
      return {
        ready: false,
        waiting: true,
        reason: "ClusterCordoned",
        message: `Cluster ${result.cluster} is cordoned: no new targets until an administrator uncordons it.`,
      };
  }
}

function targetVerdict(
  phase: TClaimPhase,
  target: { name: string; phase: string } | null,
): TStatusVerdict {
  if (phase === "Lost" || !target) {
    return {
      ready: false,
      waiting: false,
      reason: "TargetLost",
      message:
        "The target this claim was bound to no longer exists. Delete the claim and claim again.",
    };
  }
  if (phase === "Bound") {
    return { ready: true, reason: "Bound", message: `Bound to target ${target.name}.` };
  }
  if (target.phase === "Failed") {
    return {
      ready: false,
      waiting: false,
      reason: "ProvisioningFailed",
      message: `Target ${target.name} could not be provisioned; an administrator must look at it.`,
    };
  }
  return {
    ready: false,
    waiting: true,
    reason: "Provisioning",
    message: `Waiting for target ${target.name} to be ready.`,
  };
}
