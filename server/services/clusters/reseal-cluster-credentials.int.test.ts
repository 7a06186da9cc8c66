import { describe, expect, it } from "vitest";
import { clusters } from "@/db/schema";
import { currentKeyring } from "@/server/crypto/secret-box";
import { insertTestCluster } from "@/testing/clusters";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { loadClusterConnection } from "./load-cluster-connection";
import { resealClusterCredentials } from "./reseal-cluster-credentials";
import { eq } from "drizzle-orm";
import { keyringOf } from "@/server/crypto/keyring";
import { sealWith } from "@/server/crypto/secret-box";

describe.each(testDatabaseKinds())("resealClusterCredentials (%s)", (kind) => {
  const database = useTestDatabase(kind, [clusters]);

  it("re-seals rows sealed under an old key with the current one, and leaves current ones", async () => {
    const db = database().db;
    const row = await insertTestCluster(db, "old-key");
    await insertTestCluster(db, "current-key");
    // Pretend the row was sealed under an older key the keyring still lists.
    const oldKey = Buffer.alloc(32, 9).toString("base64");
    const ring = currentKeyring();
    const oldRing = keyringOf(oldKey);
    const [oldId, oldBuffer] = [...oldRing.keys.entries()][0] ?? ["", Buffer.alloc(0)];
    (ring.keys as Map<string, Buffer>).set(oldId, oldBuffer);
    const sealed = sealWith(oldRing, JSON.stringify({ kind: "token", token: "t-old" }));
    await db
      .update(clusters)
      .set({ credentials: sealed.sealed, credentialsKeyId: sealed.keyId })
      .where(eq(clusters.id, row.id));

    expect(await resealClusterCredentials(db)).toEqual({ resealed: 1 });
    const [after] = await db.select().from(clusters).where(eq(clusters.id, row.id));
    expect(after?.credentialsKeyId).toBe(ring.currentId);
    (ring.keys as Map<string, Buffer>).delete(oldId);
    expect((await loadClusterConnection(db, row.id)).credentials).toEqual({
      kind: "token",
      token: "t-old",
    });
  });
});
