import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { repositoryCredentials, spaces } from "@/db/schema";
import { keyringOf } from "@/server/crypto/keyring";
import { currentKeyring, openSecret, sealWith } from "@/server/crypto/secret-box";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { sealRepositorySecret } from "./credential-row";
import { resealRepositoryCredentials } from "./reseal-repository-credentials";

describe.each(testDatabaseKinds())("resealRepositoryCredentials (%s)", (kind) => {
  const database = useTestDatabase(kind, [repositoryCredentials]);

  it("re-seals secrets sealed under an old key with the current one, and leaves current ones", async () => {
    const db = database().db;
    const [space] = await db
      .insert(spaces)
      .values({ name: "reseal", displayName: "R" })
      .returning();
    const [stale, current] = await db
      .insert(repositoryCredentials)
      .values(
        ["stale", "current"].map((name) => ({
          spaceId: space!.id,
          repository: `https://git.example.com/${name}.git`,
          kind: "https" as const,
          username: "u",
          ...sealRepositorySecret(`token-${name}`),
        })),
      )
      .returning();
    // Pretend the first was sealed under an older key the keyring still lists.
    const ring = currentKeyring();
    const oldRing = keyringOf(Buffer.alloc(32, 11).toString("base64"));
    const [oldId, oldKey] = [...oldRing.keys.entries()][0]!;
    (ring.keys as Map<string, Buffer>).set(oldId, oldKey);
    try {
      const old = sealWith(oldRing, "token-stale");
      await db
        .update(repositoryCredentials)
        .set({ secret: old.sealed, secretKeyId: old.keyId })
        .where(eq(repositoryCredentials.id, stale!.id));

      expect(await resealRepositoryCredentials(db)).toEqual({ resealed: 1 });
    } finally {
      (ring.keys as Map<string, Buffer>).delete(oldId);
    }
    const rows = await db.select().from(repositoryCredentials);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(stale!.id)?.secretKeyId).toBe(ring.currentId);
    // Opens without the old key now.
    expect(openSecret(byId.get(stale!.id)!.secret)).toBe("token-stale");
    expect(byId.get(current!.id)?.secret).toBe(current!.secret);
  });
});
