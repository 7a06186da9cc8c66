import { describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import {
  parseReconcileKey,
  RECONCILE_CHANNEL,
  reconcileKey,
  requestReconcile,
} from "./request-reconcile";

/** Resolves once `count` payloads arrived; no timers, so a missing notification fails by timeout. */
function collect(count: number) {
  const payloads: string[] = [];
  let done!: () => void;
  const arrived = new Promise<void>((resolve) => (done = resolve));
  return {
    payloads,
    arrived,
    push: (payload: string) => {
      payloads.push(payload);
      if (payloads.length === count) done();
    },
  };
}

describe.each(testDatabaseKinds())("requestReconcile on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("wakes listeners with each key once the transaction commits, and not for a rollback", async () => {
    const first = collect(2);
    const stop = await database().listen(RECONCILE_CHANNEL, first.push);
    try {
      await database()
        .db.transaction(async (tx) => {
          await requestReconcile(tx, [reconcileKey("environment", "rolled-back")]);
          throw new Error("roll back");
        })
        .catch(() => undefined);
      await database().db.transaction(async (tx) => {
        await requestReconcile(tx, [
          reconcileKey("environment", "a"),
          reconcileKey("environment", "a"),
          reconcileKey("cluster", "b"),
        ]);
      });
      await first.arrived;
      // The rolled-back key never arrives: the committed two are the first two delivered.
      expect(first.payloads.sort()).toEqual(["cluster/b", "environment/a"]);
    } finally {
      await stop();
    }
  });
});

describe("parseReconcileKey", () => {
  it("reads kind and id, and refuses anything else", () => {
    expect(parseReconcileKey("environment/1f2e")).toEqual({ kind: "environment", id: "1f2e" });
    expect(parseReconcileKey("environment/")).toBeNull();
    expect(parseReconcileKey("bogus/1")).toBeNull();
    expect(parseReconcileKey("nothing")).toBeNull();
  });
});
