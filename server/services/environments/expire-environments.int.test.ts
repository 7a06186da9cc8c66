import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, environments, reconcileEvents, spaces } from "@/db/schema";
import { RECONCILE_CHANNEL } from "@/server/services/reconcile/request-reconcile";
import { createTestUser } from "@/testing/callers";
import { insertTestCluster } from "@/testing/clusters";
import { insertTestEnvironment } from "@/testing/environments";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { expireEnvironments } from "./expire-environments";

const HOUR = 3_600_000;

describe.each(testDatabaseKinds())("expireEnvironments (%s)", (kind) => {
  const database = useTestDatabase(kind);

  it("warns an hour before, then requests deletion at expiry, once each", async () => {
    const db = database().db;
    const now = new Date("2031-05-01T12:00:00Z");
    const user = await createTestUser(db, "expiry-owner");
    const [space] = await db
      .insert(spaces)
      .values({ name: "expiry", displayName: "Expiry", createdBy: user.id })
      .returning();
    const cluster = await insertTestCluster(db, "expiry-cluster");
    const make = (name: string, expiresAt: Date | null) =>
      insertTestEnvironment(db, { spaceId: space!.id, clusterId: cluster.id, name, expiresAt });
    const soon = await make("soon", new Date(now.getTime() + 30 * 60_000));
    const later = await make("later", new Date(now.getTime() + 2 * HOUR));
    const due = await make("due", new Date(now.getTime() - 1000));
    await make("forever", null);

    const notified: string[] = [];
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const stop = await database().listen(RECONCILE_CHANNEL, (key) => {
      notified.push(key);
      if (key === `environment/${due.id}`) wake();
    });
    try {
      expect(await expireEnvironments(db, now)).toEqual({ warned: [soon.id], expired: [due.id] });
      await woken;
    } finally {
      await stop();
    }
    // A second tick (or another worker) finds nothing left to do.
    expect(await expireEnvironments(db, now)).toEqual({ warned: [], expired: [] });

    const rows = await db.select().from(environments).where(eq(environments.spaceId, space!.id));
    const byName = new Map(rows.map((row) => [row.name, row]));
    expect(byName.get("soon")).toMatchObject({ expiryWarnedAt: now, deletionRequestedAt: null });
    expect(byName.get("later")).toMatchObject({ expiryWarnedAt: null, deletionRequestedAt: null });
    expect(byName.get("due")?.deletionRequestedAt).toEqual(now);
    expect(byName.get("forever")?.deletionRequestedAt).toBeNull();
    expect(later.id).toBeTruthy();

    const warnings = await db
      .select()
      .from(reconcileEvents)
      .where(eq(reconcileEvents.ownerKey, `environment/${soon.id}`));
    expect(warnings).toEqual([
      expect.objectContaining({
        type: "Warning",
        reason: "ExpiringSoon",
        message:
          "This environment expires at 1 May 2031, 12:30 UTC and will then be deleted. Extend it to keep it.",
      }),
    ]);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.spaceId, space!.id), eq(auditEvents.action, "environment.expire")));
    expect(audit).toEqual([
      expect.objectContaining({ actorId: null, actorLabel: "Slipway", targetId: "due" }),
    ]);

    // An hour later "soon" is due too.
    expect(await expireEnvironments(db, new Date(now.getTime() + HOUR))).toEqual({
      warned: [later.id],
      expired: [soon.id],
    });
  });
});
