import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clusterLeases, clusters } from "@/db/schema";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { acquireLease, leaseHolder, releaseLeases } from "./lease";

describe.each(testDatabaseKinds())("cluster leases on %s", (kind) => {
  const database = useTestDatabase(kind, [clusterLeases, clusters]);
  const cluster = async () =>
    (
      await database()
        .db.insert(clusters)
        .values({
          name: "c",
          apiUrl: "https://c",
          authKind: "token",
          credentials: "x",
          credentialsKeyId: "k",
        })
        .returning()
    )[0]!.id;

  it("is taken when free, renewed by its holder and refused to another while live", async () => {
    const db = database().db;
    const id = await cluster();
    expect(await acquireLease(db, id, { holder: "a", durationMs: 60_000 })).toBe(true);
    expect(await acquireLease(db, id, { holder: "a", durationMs: 60_000 })).toBe(true);
    expect(await acquireLease(db, id, { holder: "b", durationMs: 60_000 })).toBe(false);
    expect(await leaseHolder(db, id)).toBe("a");
  });

  it("is taken over once expired, and freed by release", async () => {
    const db = database().db;
    const id = await cluster();
    await acquireLease(db, id, { holder: "a", durationMs: 60_000 });
    // As if a's renewals stopped long ago.
    await db.update(clusterLeases).set({ expiresAt: sql`now() - interval '1 second'` });
    expect(await leaseHolder(db, id)).toBeNull();
    expect(await acquireLease(db, id, { holder: "b", durationMs: 60_000 })).toBe(true);
    expect(await acquireLease(db, id, { holder: "a", durationMs: 60_000 })).toBe(false);
    await releaseLeases(db, [id], "a");
    expect(await leaseHolder(db, id)).toBe("b");
    await releaseLeases(db, [id], "b");
    expect(await acquireLease(db, id, { holder: "a", durationMs: 60_000 })).toBe(true);
  });
});
