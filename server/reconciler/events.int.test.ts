import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reconcileEvents } from "@/db/schema";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { KEEP_EVENTS, pruneReconcileEvents, recordReconcileEvent } from "./events";

describe.each(testDatabaseKinds())("reconcile events on %s", (kind) => {
  const database = useTestDatabase(kind, [reconcileEvents]);
  const eventsOf = (owner: string) =>
    database()
      .db.select()
      .from(reconcileEvents)
      .where(eq(reconcileEvents.ownerKey, owner))
      .orderBy(asc(reconcileEvents.id));

  it("does not repeat an event identical to the latest", async () => {
    const db = database().db;
    const failed = { type: "Warning", reason: "ServerError", message: "500" } as const;
    expect(await recordReconcileEvent(db, "environment/a", failed)).toBe(true);
    expect(await recordReconcileEvent(db, "environment/a", failed)).toBe(false);
    await recordReconcileEvent(db, "environment/a", {
      type: "Normal",
      reason: "Applied",
      message: "ok",
    });
    expect(await recordReconcileEvent(db, "environment/a", failed)).toBe(true);
    expect((await eventsOf("environment/a")).map((e) => e.reason)).toEqual([
      "ServerError",
      "Applied",
      "ServerError",
    ]);
  });

  it("keeps only the latest events of an owner", async () => {
    const db = database().db;
    await db.insert(reconcileEvents).values(
      Array.from({ length: KEEP_EVENTS + 30 }, (_, i) => ({
        ownerKey: "environment/b",
        type: "Normal" as const,
        reason: "Applied",
        message: `pass ${i}`,
      })),
    );
    await recordReconcileEvent(db, "environment/c", {
      type: "Normal",
      reason: "Applied",
      message: "other",
    });
    await pruneReconcileEvents(db, "environment/b");
    const kept = await eventsOf("environment/b");
    expect(kept.length).toBe(KEEP_EVENTS);
    expect(kept.at(-1)?.message).toBe(`pass ${KEEP_EVENTS + 29}`);
    expect(await eventsOf("environment/c")).toHaveLength(1);
  });
});
