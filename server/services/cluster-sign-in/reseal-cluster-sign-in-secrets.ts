// After SLIPWAY_ENCRYPTION_KEY rotates, re-seals every cluster's user sign-in client secret under
// the current key (as clusters' credentials are), so the old key can be dropped.
import { eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusterUserSignIns } from "@/db/schema";
import { currentKeyring, openSecret, sealSecret } from "@/server/crypto/secret-box";

export async function resealClusterSignInSecrets(db: Db): Promise<{ resealed: number }> {
  // A public client's null key id is not "another key": `<>` leaves those rows out.
  const stale = await db
    .select({ clusterId: clusterUserSignIns.clusterId, secret: clusterUserSignIns.clientSecret })
    .from(clusterUserSignIns)
    .where(ne(clusterUserSignIns.clientSecretKeyId, currentKeyring().currentId));
  for (const row of stale) {
    if (!row.secret) continue;
    const { sealed, keyId } = sealSecret(openSecret(row.secret));
    await db
      .update(clusterUserSignIns)
      .set({ clientSecret: sealed, clientSecretKeyId: keyId })
      .where(eq(clusterUserSignIns.clusterId, row.clusterId));
  }
  return { resealed: stale.length };
}
