// One refresh per connection across processes: two Slipway processes (each with its own copy of the
// token service, so its in-process single flight cannot help, and on Postgres its own pool) refresh
// the same expiring connection at once. The identity provider must see one refresh grant, and both
// must act with the winner's tokens: the second waits on the row lock (`select … for update`) and
// then sees the row changed (`updatedAt`) instead of burning the rotated refresh token again.
import { eq, sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { rowsOf } from "@/db/rows-of";
import { clusterConnections, spaces } from "@/db/schema";
import { callerFor, createTestUser, type TTestUser } from "@/testing/callers";
import {
  authorizeAtProvider,
  CONNECT_REDIRECT_URI,
  registerConnectableCluster,
  serviceContextOf,
  SLIPWAY_ORIGIN,
  startConnectTestBed,
  type TConnectTestBed,
} from "@/testing/connect-test-bed";
import { insertTestEnvironment } from "@/testing/environments";
import { startIssuerGate, type TIssuerGate } from "@/testing/issuer-gate";
import { raceTestName } from "@/testing/race";
import { eventually } from "@/testing/reconciler-fixtures";
import {
  createTestPostgresDatabase,
  openTestDatabase,
  testDatabaseKinds,
  type TDatabaseKind,
} from "@/testing/test-database";
import { openTokens } from "./connection-tokens";
import { finishClusterConnect } from "./finish-cluster-connect";

/** A process's own copy of the token service: module state (the single-flight map) not shared. */
async function tokenServiceOfAnotherProcess() {
  vi.resetModules();
  return import("./user-cluster-access");
}

/** A logger that keeps its messages, to tell which path each process took. */
function recordingLogger() {
  const messages: string[] = [];
  const log = pino(
    { level: "info" },
    { write: (line: string) => messages.push((JSON.parse(line) as { msg: string }).msg) },
  );
  return { log, messages };
}

/**
 * Two clients of one database. Postgres: two pools, as two processes have. PGlite is one
 * connection in one process, so both "processes" share it: there the row lock is moot (a
 * transaction has the database to itself) and the `updatedAt` compare is what keeps the second
 * from refreshing again.
 */
async function openTwoClients(kind: TDatabaseKind): Promise<[DatabaseHandle, DatabaseHandle]> {
  if (kind === "pglite") {
    const handle = await openTestDatabase("pglite");
    return [handle, handle];
  }
  const url = await createTestPostgresDatabase();
  return [openDatabase({ url }), openDatabase({ url })];
}

/** Transactions of this database waiting for a lock another one holds (Postgres). */
async function lockWaiters(handle: DatabaseHandle): Promise<number> {
  const result = await handle.db.execute(sql`
    select count(*)::int as "waiting" from pg_locks l
    join pg_stat_activity a on a.pid = l.pid
    where not l.granted and a.datname = current_database()`);
  return rowsOf<{ waiting: number }>(result)[0]?.waiting ?? 0;
}

describe.each(testDatabaseKinds())("refreshing one connection from two processes (%s)", (kind) => {
  let gate: TIssuerGate;
  let bed: TConnectTestBed;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let alice: TTestUser;
  let clusterId: string;

  beforeAll(async () => {
    gate = await startIssuerGate();
    bed = await startConnectTestBed(SLIPWAY_ORIGIN, { issuer: gate.url });
    gate.forwardTo(`http://localhost:${bed.provider.port}`);
    [first, second] = await openTwoClients(kind);
    const db = first.db;
    const admin = await createTestUser(db, "root", { isAdmin: true });
    alice = await createTestUser(db, "alice");
    clusterId = (await registerConnectableCluster(db, admin, bed, "sandbox")).id;
    // Alice reaches the cluster through her space's environment on it.
    await callerFor(db, alice).space.create({ name: "team", displayName: "Team" });
    const [space] = await db.select().from(spaces).where(eq(spaces.name, "team"));
    await insertTestEnvironment(db, { spaceId: space!.id, name: "dev", clusterId });
    const ctx = serviceContextOf(db, alice);
    const callback = await authorizeAtProvider(ctx, "sandbox", "alice");
    await finishClusterConnect(ctx, {
      params: callback.searchParams,
      redirectUri: CONNECT_REDIRECT_URI,
    });
  });
  afterAll(async () => {
    await first?.close();
    if (second !== first) await second?.close();
    await bed?.stop();
    await gate?.close();
  });

  function lockWaitOrSecondRefresh(grantsBefore: number) {
    return eventually(async () => {
      if (gate.refreshGrants() - grantsBefore > 1) return "a second refresh grant";
      return (await lockWaiters(first)) > 0 ? "waiting on the row lock" : undefined;
    }, "the second process to wait on the row lock or to refresh");
  }

  async function aliceRow() {
    const [row] = await first.db
      .select()
      .from(clusterConnections)
      .where(eq(clusterConnections.userId, alice.id));
    if (!row) throw new Error("alice is not connected");
    return row;
  }

  it(
    raceTestName("asks the provider once; the waiting process takes the winner's tokens", kind),
    async () => {
      const before = await aliceRow();
      const grantsBefore = gate.refreshGrants();
      // Both processes' clocks say the ID token is about to expire.
      const later = () => new Date(before.expiresAt.getTime() - 30_000);
      const processA = await tokenServiceOfAnotherProcess();
      const processB = await tokenServiceOfAnotherProcess();
      expect(processA.userClusterAccess).not.toBe(processB.userClusterAccess);
      const logA = recordingLogger();
      const logB = recordingLogger();

      const held = gate.holdNextRefresh();
      const accessA = processA.userClusterAccess(
        { db: first.db, log: logA.log },
        alice.id,
        clusterId,
        {
          now: later,
        },
      );
      const accessB = processB.userClusterAccess(
        { db: second.db, log: logB.log },
        alice.id,
        clusterId,
        { now: later },
      );
      // Whichever got the row lock first is now at the provider, held there.
      await held.arrived;
      // Postgres: release only once the other is blocked on the row lock, or has gone to the
      // provider itself (no lock: the failure this test exists to catch). PGlite: the other is
      // already queued for the one connection, behind the held transaction.
      try {
        if (kind === "postgres")
          expect(await lockWaitOrSecondRefresh(grantsBefore)).toBe("waiting on the row lock");
      } finally {
        held.release();
      }
      const [a, b] = await Promise.all([accessA, accessB]);

      expect(gate.refreshGrants() - grantsBefore).toBe(1);
      const after = await aliceRow();
      expect(openTokens(after.tokens).accessToken).not.toBe(openTokens(before.tokens).accessToken);
      const idToken = openTokens(after.tokens).idToken;
      for (const access of [a, b]) {
        if (access.kind !== "user") throw new Error("expected access as the user");
        expect(access.connection.credentials).toMatchObject({ token: idToken });
      }
      // Both went through the refresh (neither read the row after the other had refreshed it):
      // the second one's refresh ended in taking the tokens it found.
      expect(logA.messages).toContain("refreshed a user's cluster sign-in");
      expect(logB.messages).toContain("refreshed a user's cluster sign-in");
    },
  );
});
