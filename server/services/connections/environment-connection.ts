// The person's connections for an environment (its card on the environment page): the cluster it
// lives on and, in hub topology, the hub whose Argo CD deploys to it. Each says what Slipway does
// there as the person, since a Sync can need the hub while the live state needs the cluster.
import { eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { clusters } from "@/db/schema";
import type { TSpaceContext } from "../context";
import { loadEnvironment } from "../environments/environment-row";
import {
  connectionViewOf,
  selectConnectionStatuses,
  type TClusterConnectionView,
} from "./connection-status";

/**
 * What Slipway does on a cluster as the person for this environment: act on its Argo CD
 * Applications (Sync, promote, rollback), or read and write the environment's namespace (live
 * state, cluster events, workspace).
 */
export type TClusterUse = "argo-cd" | "namespace";

export interface TEnvironmentClusterConnection extends TClusterConnectionView {
  usedFor: TClusterUse[];
}

export interface TEnvironmentConnection extends TEnvironmentClusterConnection {
  /** The hub, when another cluster's Argo CD deploys here: Sync and promote act there. */
  hub: TEnvironmentClusterConnection | null;
}

const environmentCluster = alias(clusters, "environment_cluster");

/** Null while the environment has no cluster yet (a claim not bound). One query for both. */
export async function environmentConnection(
  ctx: TSpaceContext,
  input: { environment: string },
): Promise<TEnvironmentConnection | null> {
  const environment = await loadEnvironment(ctx.db, ctx.space.id, input.environment);
  const ownId = environment.clusterId;
  if (!ownId) return null;
  const hubOfOwn = ctx.db
    .select({ id: environmentCluster.hubClusterId })
    .from(environmentCluster)
    .where(eq(environmentCluster.id, ownId));
  const rows = await selectConnectionStatuses(
    ctx.db,
    ctx.actor.id,
    or(eq(clusters.id, ownId), inArray(clusters.id, hubOfOwn)),
  );
  const own = rows.find((row) => row.clusterId === ownId);
  if (!own) return null;
  const hub = rows.find((row) => row.clusterId !== ownId);
  return {
    ...connectionViewOf(own),
    usedFor: hub ? ["namespace"] : ["argo-cd", "namespace"],
    hub: hub ? { ...connectionViewOf(hub), usedFor: ["argo-cd"] } : null,
  };
}
