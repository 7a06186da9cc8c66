// Which clusters a person may connect to: those where one of their spaces has an environment, and
// the hubs of those clusters — promotions and syncs act on Applications on the hub in hub topology,
// so that is where the person must be able to connect (admins: any). Others are "not found", so a cluster's existence does not leak to non-members.
import { and, eq, exists, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { clusters, environments, spaceMembers } from "@/db/schema";
import type { TServiceContext } from "../context";
import { AppError } from "../errors";
import { clusterNotFound, type TClusterRow } from "../clusters/cluster-row";

const environmentCluster = alias(clusters, "environment_cluster");

/**
 * SQL: the user reaches `cluster.id` through an environment of one of their spaces, on it or on a
 * cluster it is the hub of.
 */
export function reachesCluster(db: Db, userId: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(environments)
      .innerJoin(spaceMembers, eq(spaceMembers.spaceId, environments.spaceId))
      .innerJoin(environmentCluster, eq(environmentCluster.id, environments.clusterId))
      .where(
        and(
          eq(spaceMembers.userId, userId),
          or(
            eq(environmentCluster.id, clusters.id),
            eq(environmentCluster.hubClusterId, clusters.id),
          ),
        ),
      ),
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
