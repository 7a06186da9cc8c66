// "My connections": every cluster the person reaches through their spaces' environments, by name,
// with their connection's status; one query per page.
import { and } from "drizzle-orm";
import { z } from "zod";
import { clusters } from "@/db/schema";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TServiceContext } from "../context";
import { planKeysetPage } from "../keyset";
import {
  connectionViewOf,
  selectConnectionStatuses,
  type TClusterConnectionView,
} from "./connection-status";
import { reachesCluster } from "./reachable-cluster";

const BY_NAME = {
  columns: [clusters.name],
  direction: "asc",
  keySchema: z.tuple([z.string()]),
} as const;

export async function findMyConnections(
  ctx: TServiceContext,
  input: TPageInput,
): Promise<TPage<TClusterConnectionView>> {
  const plan = planKeysetPage(BY_NAME, input);
  const rows = await selectConnectionStatuses(
    ctx.db,
    ctx.actor.id,
    and(reachesCluster(ctx.db, ctx.actor.id), plan.where),
  )
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.clusterName]);
  return { ...page, items: page.items.map(connectionViewOf) };
}
