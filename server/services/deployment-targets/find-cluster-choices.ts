import { asc } from "drizzle-orm";
import { clusters } from "@/db/schema";
import type { TServiceContext } from "../context";

/** Bounded: a choice list for a form, not a browsable list (the cluster pages page through them). */
const MAX_CHOICES = 200;

/**
 * The clusters a class may provision on, with the quota ceilings the form checks against. Only
 * the fields the class form shows; credentials never leave the cluster services.
 */
export async function findClusterChoices(ctx: TServiceContext) {
  return ctx.db
    .select({
      id: clusters.id,
      name: clusters.name,
      quotaCeilings: clusters.quotaCeilings,
      cordoned: clusters.cordoned,
      canProvision: clusters.clusterResources,
    })
    .from(clusters)
    .orderBy(asc(clusters.name))
    .limit(MAX_CHOICES);
}
