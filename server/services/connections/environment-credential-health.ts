// Credential health is environment health (issue 9): for each environment of a space, the person's
// connection to the cluster their promotions into it are checked on — its Argo CD cluster (the
// hub's, in hub topology), as promotion-as-user.ts does — so the promotion page can say before
// anyone clicks whether Slipway acts there with service credentials, as them, or needs them to
// (re)connect. One query per page; never a token.
import { and, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { clusterConnections, clusters, clusterUserSignIns, environments } from "@/db/schema";
import type { TConnectionHealth } from "@/lib/validators/connection";
import type { TPage } from "@/lib/validators/pagination";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";
import {
  connectionViewOf,
  statusColumnsFor,
  type TClusterConnectionView,
} from "./connection-status";

export interface TEnvironmentCredentialHealth extends TClusterConnectionView {
  environment: string;
}

const BY_NAME = {
  columns: [environments.name],
  direction: "asc",
  keySchema: z.tuple([z.string()]),
} as const;

/** The environment's own cluster; `clusters` (what statusColumnsFor reads) is where Argo CD runs. */
const own = alias(clusters, "own_cluster");

export async function environmentCredentialHealth(
  ctx: TSpaceContext,
  input: Omit<TConnectionHealth, "space">,
): Promise<TPage<TEnvironmentCredentialHealth>> {
  const plan = planKeysetPage(BY_NAME, input);
  const rows = await ctx.db
    .select({ environment: environments.name, ...statusColumnsFor(ctx.actor.id) })
    .from(environments)
    .innerJoin(own, eq(own.id, environments.clusterId))
    .innerJoin(clusters, eq(clusters.id, sql`coalesce(${own.hubClusterId}, ${own.id})`))
    .leftJoin(clusterUserSignIns, eq(clusterUserSignIns.clusterId, clusters.id))
    .leftJoin(
      clusterConnections,
      and(
        eq(clusterConnections.clusterId, clusters.id),
        eq(clusterConnections.userId, ctx.actor.id),
      ),
    )
    .where(
      and(
        eq(environments.spaceId, ctx.space.id),
        isNull(environments.deletionRequestedAt),
        plan.where,
      ),
    )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.environment]);
  return {
    ...page,
    items: page.items.map((row) => ({ environment: row.environment, ...connectionViewOf(row) })),
  };
}
