import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clusterUserSignIns, clusters } from "@/db/schema";
import { keyringOf } from "@/server/crypto/keyring";
import { currentKeyring, openSecret, sealWith } from "@/server/crypto/secret-box";
import { insertTestCluster } from "@/testing/clusters";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { resealClusterSignInSecrets } from "./reseal-cluster-sign-in-secrets";

describe.each(testDatabaseKinds())("resealClusterSignInSecrets (%s)", (kind) => {
  const database = useTestDatabase(kind, [clusters]);

  it("re-seals a client secret sealed under an old key, and leaves public clients alone", async () => {
    const db = database().db;
    const [stale, publicClient] = await Promise.all([
      insertTestCluster(db, "old-key"),
      insertTestCluster(db, "public"),
    ]);
    const oldRing = keyringOf(Buffer.alloc(32, 7).toString("base64"));
    const [oldId, oldKey] = [...oldRing.keys.entries()][0] ?? ["", Buffer.alloc(0)];
    const ring = currentKeyring();
    (ring.keys as Map<string, Buffer>).set(oldId, oldKey);
    const sealed = sealWith(oldRing, "old-secret");
    await db.insert(clusterUserSignIns).values([
      {
        clusterId: stale.id,
        kind: "oidc",
        issuerUrl: "https://login.example.com",
        clientId: "slipway",
        clientSecret: sealed.sealed,
        clientSecretKeyId: sealed.keyId,
      },
      { clusterId: publicClient.id, kind: "openshift", clientId: "slipway" },
    ]);

    expect(await resealClusterSignInSecrets(db)).toEqual({ resealed: 1 });
    (ring.keys as Map<string, Buffer>).delete(oldId);
    const [after] = await db
      .select()
      .from(clusterUserSignIns)
      .where(eq(clusterUserSignIns.clusterId, stale.id));
    expect(after?.clientSecretKeyId).toBe(ring.currentId);
    expect(openSecret(after?.clientSecret ?? "")).toBe("old-secret");
  });
});
