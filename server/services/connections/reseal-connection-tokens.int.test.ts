import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clusterConnectAttempts, clusterConnections, clusters } from "@/db/schema";
import { keyringOf } from "@/server/crypto/keyring";
import { currentKeyring, sealWith } from "@/server/crypto/secret-box";
import { createTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { FAKE_TOKENS, insertTestConnection } from "@/testing/connections";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { openTokens } from "./connection-tokens";
import { resealConnectionTokens } from "./reseal-connection-tokens";

describe.each(testDatabaseKinds())("resealConnectionTokens (%s)", (kind) => {
  const database = useTestDatabase(kind, [clusters]);

  it("re-seals tokens sealed under an old key and drops connect attempts sealed with it", async () => {
    const db = database().db;
    const [cluster, user] = await Promise.all([
      insertTestCluster(db, "sealed"),
      createTestUser(db, "sealer"),
    ]);
    const oldRing = keyringOf(Buffer.alloc(32, 9).toString("base64"));
    const [oldId, oldKey] = [...oldRing.keys.entries()][0] ?? ["", Buffer.alloc(0)];
    const ring = currentKeyring();
    (ring.keys as Map<string, Buffer>).set(oldId, oldKey);
    try {
      const old = sealWith(oldRing, JSON.stringify(FAKE_TOKENS));
      await insertTestConnection(db, {
        userId: user.id,
        clusterId: cluster.id,
        tokens: old.sealed,
        tokensKeyId: old.keyId,
      });
      const verifier = sealWith(oldRing, "verifier");
      await db.insert(clusterConnectAttempts).values({
        stateHash: "h",
        userId: user.id,
        clusterId: cluster.id,
        codeVerifier: verifier.sealed,
        codeVerifierKeyId: verifier.keyId,
        nonce: "n",
        returnPath: "/",
        expiresAt: new Date(Date.now() + 600_000),
      });

      expect(await resealConnectionTokens(db)).toEqual({ resealed: 1, attemptsDropped: 1 });
    } finally {
      (ring.keys as Map<string, Buffer>).delete(oldId);
    }
    const [after] = await db
      .select()
      .from(clusterConnections)
      .where(eq(clusterConnections.userId, user.id));
    expect(after?.tokensKeyId).toBe(ring.currentId);
    expect(openTokens(after?.tokens ?? "")).toEqual(FAKE_TOKENS);
    expect(await db.select().from(clusterConnectAttempts)).toEqual([]);
  });
});
