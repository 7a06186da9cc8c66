import { eq } from "drizzle-orm";
import { clusterUserSignIns } from "@/db/schema";
import type { TServiceContext } from "../context";
import type { TClusterRow } from "../clusters/cluster-row";
import { loadCluster } from "../clusters/load-cluster";
import type { TClusterSignInRow } from "./sign-in-row";

/** The cluster by name (NOT_FOUND otherwise) and its sign-in row, if one is set. */
export async function loadClusterSignIn(
  ctx: TServiceContext,
  name: string,
): Promise<{ cluster: TClusterRow; signIn: TClusterSignInRow | undefined }> {
  const cluster = await loadCluster(ctx, name);
  const [signIn] = await ctx.db
    .select()
    .from(clusterUserSignIns)
    .where(eq(clusterUserSignIns.clusterId, cluster.id));
  return { cluster, signIn };
}
