import { eq, sql } from "drizzle-orm";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { clusterLeases, clusters } from "@/db/schema";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { FakeScheduler } from "./fake-scheduler";
import { acquireLease, leaseHolder, releaseLeases } from "./lease";
import { LeaseKeeper } from "./lease-keeper";

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

  it("lets go of a deleted cluster, quietly, instead of retrying it forever", async () => {
    const db = database().db;
    const id = await cluster();
    const warnings: string[] = [];
    const log = pino({ level: "warn" }, { write: (line: string) => warnings.push(line) });
    const lost: string[] = [];
    const scheduler = new FakeScheduler();
    const keeperFor = (holder: string) =>
      new LeaseKeeper({
        db,
        holder,
        durationMs: 60_000,
        // No renewal timer fires in this test: ensure() does the renewing.
        renewEveryMs: 3_600_000,
        scheduler,
        log,
        onAcquired: () => undefined,
        onLost: (clusterId) => lost.push(clusterId),
      });
    const a = keeperFor("a");
    expect(await a.ensure(id, "environment/e1")).toBe(true);
    await db.delete(clusters).where(eq(clusters.id, id));
    // Past the margin before expiry: the next ensure renews, and finds the cluster gone.
    scheduler.advance(41_000);
    expect(await a.ensure(id, "environment/e1")).toBe(false);
    expect(lost).toEqual([id]);
    expect(a.clusters).toEqual([]);
    expect(await keeperFor("b").ensure(id, "environment/e2")).toBe(false);
    expect(warnings).toEqual([]);
  });
});
