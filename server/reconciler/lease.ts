// Cluster leases: one worker at a time applies to a cluster. A lease is taken when free or expired
// and renewed by its holder, in one atomic upsert; the database's clock decides expiry, so workers
// with skewed clocks still agree. A dead worker's leases expire and another worker takes over.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusterLeases } from "@/db/schema";

export interface TLeaseOptions {
  holder: string;
  durationMs: number;
}

/** Takes or renews the lease on `clusterId`; true when `holder` now holds it. */
export async function acquireLease(
  db: Db,
  clusterId: string,
  { holder, durationMs }: TLeaseOptions,
): Promise<boolean> {
  const expires = sql`now() + make_interval(secs => ${durationMs / 1000})`;
  const rows = await db
    .insert(clusterLeases)
    .values({ clusterId, holder, acquiredAt: sql`now()`, expiresAt: expires })
    .onConflictDoUpdate({
      target: clusterLeases.clusterId,
      set: {
        holder,
        // A renewal keeps when it was first acquired.
        acquiredAt: sql`case when ${clusterLeases.holder} = ${holder} then ${clusterLeases.acquiredAt} else now() end`,
        expiresAt: expires,
      },
      setWhere: sql`${clusterLeases.expiresAt} < now() or ${clusterLeases.holder} = ${holder}`,
    })
    .returning({ holder: clusterLeases.holder });
  return rows.length === 1;
}

/** Gives up `holder`'s leases on these clusters (on shutdown), so others need not wait for expiry. */
export async function releaseLeases(db: Db, clusterIds: readonly string[], holder: string) {
  if (clusterIds.length === 0) return;
  await db
    .delete(clusterLeases)
    .where(
      and(inArray(clusterLeases.clusterId, [...clusterIds]), eq(clusterLeases.holder, holder)),
    );
}

/** Who holds a live lease on the cluster, if anyone. */
export async function leaseHolder(db: Db, clusterId: string): Promise<string | null> {
  const [row] = await db
    .select({ holder: clusterLeases.holder })
    .from(clusterLeases)
    .where(and(eq(clusterLeases.clusterId, clusterId), sql`${clusterLeases.expiresAt} >= now()`));
  return row?.holder ?? null;
}
