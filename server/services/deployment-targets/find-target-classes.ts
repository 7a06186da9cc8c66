import { eq } from "drizzle-orm";
import { z } from "zod";
import { clusters, deploymentTargetClasses, type TQuotaQuantities } from "@/db/schema";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TServiceContext } from "../context";
import { planKeysetPage } from "../keyset";

export interface TTargetClassView {
  id: string;
  name: string;
  description: string;
  provisioner: string;
  reclaimPolicy: "Retain" | "Delete";
  quota: TQuotaQuantities;
  cluster: { id: string; name: string; cordoned: boolean };
  createdAt: Date;
}

const BY_NAME = {
  columns: [deploymentTargetClasses.name],
  direction: "asc",
  keySchema: z.tuple([z.string()]),
} as const;

/**
 * Every class, by name. Anyone signed in may list them (a claim names one); what they show is
 * what non-admins may see of a cluster anyway: its name.
 */
export async function findTargetClasses(
  ctx: TServiceContext,
  input: TPageInput,
): Promise<TPage<TTargetClassView>> {
  const plan = planKeysetPage(BY_NAME, input);
  const rows = await ctx.db
    .select({
      id: deploymentTargetClasses.id,
      name: deploymentTargetClasses.name,
      description: deploymentTargetClasses.description,
      provisioner: deploymentTargetClasses.provisioner,
      reclaimPolicy: deploymentTargetClasses.reclaimPolicy,
      parameters: deploymentTargetClasses.parameters,
      createdAt: deploymentTargetClasses.createdAt,
      clusterId: clusters.id,
      clusterName: clusters.name,
      cordoned: clusters.cordoned,
    })
    .from(deploymentTargetClasses)
    .innerJoin(clusters, eq(clusters.id, deploymentTargetClasses.clusterId))
    .where(plan.where)
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.name]);
  return {
    ...page,
    items: page.items.map((row) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      provisioner: row.provisioner,
      reclaimPolicy: row.reclaimPolicy,
      quota: row.parameters.quota ?? {},
      cluster: { id: row.clusterId, name: row.clusterName, cordoned: row.cordoned },
      createdAt: row.createdAt,
    })),
  };
}
