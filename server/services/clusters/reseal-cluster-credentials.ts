// After SLIPWAY_ENCRYPTION_KEY rotates (old key moved to SLIPWAY_ENCRYPTION_OLD_KEYS), re-seals
// every cluster's credentials under the current key so the old key can be dropped.
import { eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters } from "@/db/schema";
import { currentKeyring, openSecret, sealSecret } from "@/server/crypto/secret-box";

export async function resealClusterCredentials(db: Db): Promise<{ resealed: number }> {
  const currentId = currentKeyring().currentId;
  const stale = await db
    .select({ id: clusters.id, credentials: clusters.credentials })
    .from(clusters)
    .where(ne(clusters.credentialsKeyId, currentId));
  for (const row of stale) {
    const { sealed, keyId } = sealSecret(openSecret(row.credentials));
    await db
      .update(clusters)
      .set({ credentials: sealed, credentialsKeyId: keyId })
      .where(eq(clusters.id, row.id));
  }
  return { resealed: stale.length };
}
