import { asc, isNull } from "drizzle-orm";
import { clusters } from "@/db/schema";
import { findCondition, isReady } from "@/lib/conditions";
import type { TServiceContext } from "../context";

/** At most this many clusters are offered in a form; an installation has a handful. */
const MAX_CHOICES = 500;

/**
 * What any signed-in user may know of clusters, for the forms that pick one (a deployment target
 * class's cluster): id, name, labels, health, cordoned and emulated flags and quota ceilings. No
 * API URL, no credentials.
 */
export async function listClusterChoices(ctx: TServiceContext) {
  const rows = await ctx.db
    .select({
      id: clusters.id,
      name: clusters.name,
      displayName: clusters.displayName,
      labels: clusters.labels,
      cordoned: clusters.cordoned,
      emulated: clusters.emulated,
      quotaCeilings: clusters.quotaCeilings,
      generation: clusters.generation,
      status: clusters.status,
    })
    .from(clusters)
    .where(isNull(clusters.deletionRequestedAt))
    .orderBy(asc(clusters.name))
    .limit(MAX_CHOICES);
  return rows.map(({ generation, status, ...row }) => {
    const ready = findCondition(status, "Ready");
    return {
      ...row,
      healthy: isReady(status, generation),
      health: ready ? (ready.status === "True" ? "Healthy" : ready.message) : "Not checked yet",
    };
  });
}
