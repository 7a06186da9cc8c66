// Hub topology: the cluster whose Argo CD deploys to another. One level only: a hub runs its own
// Argo CD (it names no hub itself), and a cluster that serves as hub cannot take one, so a chain
// or a loop can never form.
import { and, asc, count, eq, isNotNull, isNull, ne } from "drizzle-orm";
import { clusters } from "@/db/schema";
import type { TServiceContext } from "../context";
import { fieldError } from "../errors";
import type { TClusterRow } from "./cluster-row";

/** At most this many hub choices are offered (the edit form's select). */
const HUB_CHOICES_MAX = 200;

/** The hub's id for `hubName` ("" for none), refusing one that cannot serve `cluster`. */
export async function resolveHubCluster(
  ctx: TServiceContext,
  cluster: TClusterRow,
  hubName: string,
): Promise<string | null> {
  if (hubName === "") return null;
  if (hubName === cluster.name) throw fieldError("hubCluster", "A cluster cannot be its own hub.");
  const [hub] = await ctx.db
    .select({
      id: clusters.id,
      argoCdNamespace: clusters.argoCdNamespace,
      hubClusterId: clusters.hubClusterId,
    })
    .from(clusters)
    .where(eq(clusters.name, hubName))
    .for("share");
  if (!hub) throw fieldError("hubCluster", `Cluster "${hubName}" was not found.`);
  if (!hub.argoCdNamespace)
    throw fieldError(
      "hubCluster",
      `Cluster "${hubName}" runs no Argo CD: set its Argo CD namespace first.`,
    );
  if (hub.hubClusterId)
    throw fieldError(
      "hubCluster",
      `Cluster "${hubName}" deploys through a hub itself; a hub must run its own Argo CD.`,
    );
  const [spokes] = await ctx.db
    .select({ n: count() })
    .from(clusters)
    .where(eq(clusters.hubClusterId, cluster.id));
  const served = Number(spokes?.n ?? 0);
  if (served > 0)
    throw fieldError(
      "hubCluster",
      `Cluster "${cluster.name}" is the hub of ${served} ${served === 1 ? "cluster" : "clusters"}, so it keeps its own Argo CD.`,
    );
  return hub.id;
}

/** The hub's name, and the clusters that could be `cluster`'s hub, for its edit form. */
export async function hubSettingsOf(ctx: TServiceContext, cluster: TClusterRow) {
  const [current] = cluster.hubClusterId
    ? await ctx.db
        .select({ name: clusters.name })
        .from(clusters)
        .where(eq(clusters.id, cluster.hubClusterId))
    : [];
  const choices = await ctx.db
    .select({ name: clusters.name })
    .from(clusters)
    .where(
      and(
        ne(clusters.id, cluster.id),
        isNotNull(clusters.argoCdNamespace),
        isNull(clusters.hubClusterId),
        isNull(clusters.deletionRequestedAt),
      ),
    )
    .orderBy(asc(clusters.name))
    .limit(HUB_CHOICES_MAX);
  return { hubCluster: current?.name ?? "", hubChoices: choices.map((c) => c.name) };
}
