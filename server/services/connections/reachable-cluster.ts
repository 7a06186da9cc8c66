// Which clusters a person may connect to: those where one of their spaces has an environment
// (admins: any). Others are "not found", so a cluster's existence does not leak to non-members.
import { and, eq, exists, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters, environments, spaceMembers } from "@/db/schema";
import type { TServiceContext } from "../context";
import { AppError } from "../errors";
import { clusterNotFound, type TClusterRow } from "../clusters/cluster-row";

/** SQL: the user reaches `cluster.id` through an environment of one of their spaces. */
export function reachesCluster(db: Db, userId: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(environments)
      .innerJoin(spaceMembers, eq(spaceMembers.spaceId, environments.spaceId))
      .where(and(eq(environments.clusterId, clusters.id), eq(spaceMembers.userId, userId))),
  );
}

/** The cluster by name if the actor reaches it (or is an admin); NOT_FOUND otherwise. */
export async function loadReachableCluster(
  ctx: TServiceContext,
  name: string,
): Promise<TClusterRow> {
  const where = ctx.actor.isAdmin
    ? eq(clusters.name, name)
    : and(eq(clusters.name, name), reachesCluster(ctx.db, ctx.actor.id));
  const [row] = await ctx.db.select().from(clusters).where(where);
  if (!row) throw new AppError("NOT_FOUND", clusterNotFound(name));
  return row;
}
