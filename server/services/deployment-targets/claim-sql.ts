// The claim columns every claim read shares: the claim, its class and the target bound to it.
import { eq } from "drizzle-orm";
import { z } from "zod";
import {
  clusters,
  deploymentTargetClaims,
  deploymentTargetClasses,
  deploymentTargets,
} from "@/db/schema";
import type { TReconcileStatus } from "@/lib/conditions";
import type { Db } from "@/db/client";

export interface TClaimView {
  id: string;
  name: string;
  phase: "Pending" | "Bound" | "Lost";
  class: { id: string; name: string; reclaimPolicy: "Retain" | "Delete" };
  /** The bound (or provisioning) target: where environments using the claim run. */
  target: {
    name: string;
    cluster: string;
    namespace: string;
    phase: string;
    provisioning: "dynamic" | "static";
  } | null;
  status: TReconcileStatus;
  createdAt: Date;
}

export const CLAIMS_NEWEST_FIRST = {
  columns: [deploymentTargetClaims.createdAt, deploymentTargetClaims.id],
  direction: "desc",
  keySchema: z.tuple([z.iso.datetime(), z.uuid()]),
} as const;

export function selectClaims(db: Db) {
  return db
    .select({
      id: deploymentTargetClaims.id,
      name: deploymentTargetClaims.name,
      phase: deploymentTargetClaims.phase,
      status: deploymentTargetClaims.status,
      createdAt: deploymentTargetClaims.createdAt,
      classId: deploymentTargetClasses.id,
      className: deploymentTargetClasses.name,
      reclaimPolicy: deploymentTargetClasses.reclaimPolicy,
      targetName: deploymentTargets.name,
      targetNamespace: deploymentTargets.namespace,
      targetPhase: deploymentTargets.phase,
      targetProvisioning: deploymentTargets.provisioning,
      cluster: clusters.name,
    })
    .from(deploymentTargetClaims)
    .innerJoin(
      deploymentTargetClasses,
      eq(deploymentTargetClasses.id, deploymentTargetClaims.classId),
    )
    .leftJoin(deploymentTargets, eq(deploymentTargets.id, deploymentTargetClaims.targetId))
    .leftJoin(clusters, eq(clusters.id, deploymentTargets.clusterId))
    .$dynamic();
}

type TClaimRow = Awaited<ReturnType<ReturnType<typeof selectClaims>["execute"]>>[number];

export function claimViewOf(row: TClaimRow): TClaimView {
  return {
    id: row.id,
    name: row.name,
    phase: row.phase,
    class: { id: row.classId, name: row.className, reclaimPolicy: row.reclaimPolicy },
    target:
      row.targetName && row.targetNamespace && row.targetPhase && row.targetProvisioning
        ? {
            name: row.targetName,
            cluster: row.cluster ?? "",
            namespace: row.targetNamespace,
            phase: row.targetPhase,
            provisioning: row.targetProvisioning,
          }
        : null,
    status: row.status,
    createdAt: row.createdAt,
  };
}
