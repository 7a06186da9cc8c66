// The binder's decision carried out for a Pending claim with no target, in the claim's
// transaction: bind an Available target of its class, or create a target row for the cluster
// to provision (pre-bound to the claim, as a dynamically provisioned PV carries its claimRef).
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  clusterNamespaces,
  clusters,
  deploymentTargetClaims,
  deploymentTargetClasses,
  deploymentTargets,
} from "@/db/schema";
import {
  decideBinding,
  provisionedNamespace,
  type TBinderClaim,
} from "@/server/services/deployment-targets/binder";
import { DEPLOYER_SERVICE_ACCOUNT } from "@/server/k8s/manifests/target-objects";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";

/** Generated names tried before giving up for this pass (each collision is another claim's). */
const NAME_ATTEMPTS = 8;

export type TBindResult =
  | { kind: "bound"; target: string }
  | { kind: "provisioning"; target: string }
  | { kind: "cordoned"; cluster: string };

export async function bindClaim(
  tx: Db,
  claim: TBinderClaim & { classId: string },
): Promise<TBindResult> {
  const [targetClass] = await tx
    .select({ clusterId: clusters.id, cluster: clusters.name, cordoned: clusters.cordoned })
    .from(deploymentTargetClasses)
    .innerJoin(clusters, eq(clusters.id, deploymentTargetClasses.clusterId))
    .where(eq(deploymentTargetClasses.id, claim.classId));
  if (!targetClass) throw new Error(`class ${claim.classId} of claim ${claim.id} is gone`);
  // Locked, so two claims binding at once take different targets (the second sees the first's).
  const candidates = await tx
    .select({
      id: deploymentTargets.id,
      name: deploymentTargets.name,
      phase: deploymentTargets.phase,
      createdAt: deploymentTargets.createdAt,
      deletionRequestedAt: deploymentTargets.deletionRequestedAt,
      claimId: deploymentTargetClaims.id,
    })
    .from(deploymentTargets)
    .leftJoin(deploymentTargetClaims, eq(deploymentTargetClaims.targetId, deploymentTargets.id))
    .where(
      and(
        eq(deploymentTargets.classId, claim.classId),
        eq(deploymentTargets.phase, "Available"),
        isNull(deploymentTargets.deletionRequestedAt),
      ),
    )
    .for("update", { of: deploymentTargets });
  const names = Array.from({ length: NAME_ATTEMPTS }, (_, n) => provisionedNamespace(claim, n));
  const taken = await takenNames(tx, targetClass.clusterId, names);
  const decision = decideBinding(
    claim,
    candidates.map((c) => ({
      ...c,
      claimed: c.claimId !== null,
      deleting: c.deletionRequestedAt !== null,
    })),
    taken,
  );
  if (decision.kind === "bind") {
    const chosen = candidates.find((c) => c.id === decision.targetId)!;
    await tx
      .update(deploymentTargets)
      .set({ phase: "Bound", updatedAt: sql`now()` })
      .where(eq(deploymentTargets.id, chosen.id));
    await setClaimTarget(tx, claim.id, chosen.id, "Bound");
    await requestReconcile(tx, [reconcileKey("target", chosen.id)]);
    return { kind: "bound", target: chosen.name };
  }
  // No new namespaces on a cordoned cluster; the claim waits (and is looked at again on resync).
  if (targetClass.cordoned) return { kind: "cordoned", cluster: targetClass.cluster };
  const [created] = await tx
    .insert(deploymentTargets)
    .values({
      name: decision.name,
      classId: claim.classId,
      clusterId: targetClass.clusterId,
      namespace: decision.namespace,
      provisioning: "dynamic",
      serviceAccount: DEPLOYER_SERVICE_ACCOUNT,
    })
    .returning({ id: deploymentTargets.id });
  if (!created) throw new Error("target insert returned no row");
  const key = reconcileKey("target", created.id);
  await tx
    .insert(clusterNamespaces)
    .values({ clusterId: targetClass.clusterId, namespace: decision.namespace, ownerKey: key });
  await setClaimTarget(tx, claim.id, created.id, "Pending");
  await requestReconcile(tx, [key]);
  return { kind: "provisioning", target: decision.name };
}

async function setClaimTarget(
  tx: Db,
  claimId: string,
  targetId: string,
  phase: "Pending" | "Bound",
) {
  await tx
    .update(deploymentTargetClaims)
    .set({ targetId, phase, updatedAt: sql`now()` })
    .where(eq(deploymentTargetClaims.id, claimId));
}

/** Which of the generated names a namespace on the cluster, or any target, already has. */
async function takenNames(tx: Db, clusterId: string, names: string[]): Promise<Set<string>> {
  const [namespaces, targets] = await Promise.all([
    tx
      .select({ name: clusterNamespaces.namespace })
      .from(clusterNamespaces)
      .where(
        and(
          eq(clusterNamespaces.clusterId, clusterId),
          inArray(clusterNamespaces.namespace, names),
        ),
      ),
    tx
      .select({ name: deploymentTargets.name })
      .from(deploymentTargets)
      .where(
        or(
          inArray(deploymentTargets.name, names),
          and(
            eq(deploymentTargets.clusterId, clusterId),
            inArray(deploymentTargets.namespace, names),
          ),
        ),
      ),
  ]);
  return new Set([...namespaces, ...targets].map((row) => row.name));
}
