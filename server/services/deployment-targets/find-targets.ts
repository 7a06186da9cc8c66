import { eq } from "drizzle-orm";
import { z } from "zod";
import {
  clusters,
  deploymentTargetClaims,
  deploymentTargetClasses,
  deploymentTargets,
  spaces,
} from "@/db/schema";
import type { TReconcileStatus } from "@/lib/conditions";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TServiceContext } from "../context";
import { planKeysetPage } from "../keyset";

export interface TTargetView {
  id: string;
  name: string;
  className: string;
  cluster: string;
  namespace: string;
  provisioning: "dynamic" | "static";
  phase: "Pending" | "Available" | "Bound" | "Released" | "Failed";
  /** The claim holding it, with its space. */
  claim: { name: string; space: string } | null;
  status: TReconcileStatus;
  deleting: boolean;
  createdAt: Date;
}

const BY_NAME = {
  columns: [deploymentTargets.name],
  direction: "asc",
  keySchema: z.tuple([z.string()]),
} as const;

/** Every target, by name, with its class, cluster and the claim bound to it (admins only). */
export async function findTargets(
  ctx: TServiceContext,
  input: TPageInput,
): Promise<TPage<TTargetView>> {
  const plan = planKeysetPage(BY_NAME, input);
  const rows = await ctx.db
    .select({
      id: deploymentTargets.id,
      name: deploymentTargets.name,
      className: deploymentTargetClasses.name,
      cluster: clusters.name,
      namespace: deploymentTargets.namespace,
      provisioning: deploymentTargets.provisioning,
      phase: deploymentTargets.phase,
      claimName: deploymentTargetClaims.name,
      claimSpace: spaces.name,
      status: deploymentTargets.status,
      deletionRequestedAt: deploymentTargets.deletionRequestedAt,
      createdAt: deploymentTargets.createdAt,
    })
    .from(deploymentTargets)
    .innerJoin(deploymentTargetClasses, eq(deploymentTargetClasses.id, deploymentTargets.classId))
    .innerJoin(clusters, eq(clusters.id, deploymentTargets.clusterId))
    .leftJoin(deploymentTargetClaims, eq(deploymentTargetClaims.targetId, deploymentTargets.id))
    .leftJoin(spaces, eq(spaces.id, deploymentTargetClaims.spaceId))
    .where(plan.where)
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.name]);
  return {
    ...page,
    items: page.items.map(({ claimName, claimSpace, deletionRequestedAt, ...row }) => ({
      ...row,
      claim: claimName && claimSpace ? { name: claimName, space: claimSpace } : null,
      deleting: deletionRequestedAt !== null,
    })),
  };
}
