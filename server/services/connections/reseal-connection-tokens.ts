// After SLIPWAY_ENCRYPTION_KEY rotates, re-seals every person's cluster tokens under the current
// key. Connect attempts under an old key are dropped instead: they live ten minutes, and whoever
// was connecting just starts again.
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusterConnectAttempts, clusterConnections } from "@/db/schema";
import { currentKeyring, openSecret, sealSecret } from "@/server/crypto/secret-box";

export async function resealConnectionTokens(
  db: Db,
): Promise<{ resealed: number; attemptsDropped: number }> {
  const current = currentKeyring().currentId;
  const stale = await db
    .select({
      userId: clusterConnections.userId,
      clusterId: clusterConnections.clusterId,
      tokens: clusterConnections.tokens,
    })
    .from(clusterConnections)
    .where(ne(clusterConnections.tokensKeyId, current));
  for (const row of stale) {
    const { sealed, keyId } = sealSecret(openSecret(row.tokens));
    await db
      .update(clusterConnections)
      .set({ tokens: sealed, tokensKeyId: keyId })
      .where(
        and(
          eq(clusterConnections.userId, row.userId),
          eq(clusterConnections.clusterId, row.clusterId),
        ),
      );
  }
  const dropped = await db
    .delete(clusterConnectAttempts)
    .where(ne(clusterConnectAttempts.codeVerifierKeyId, current))
    .returning({ stateHash: clusterConnectAttempts.stateHash });
  return { resealed: stale.length, attemptsDropped: dropped.length };
}
