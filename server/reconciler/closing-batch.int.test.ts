import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { reconcileEvents } from "@/db/schema";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import { recordReconcileEvent } from "./events";

/** The database, counting the statements sent through it. */
function counting(db: Db): { db: Db; statements: () => number } {
  let statements = 0;
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "execute") return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<Db["execute"]>) => {
        statements += 1;
        return target.execute(...args);
      };
    },
  });
  return { db: proxy, statements: () => statements };
}

const applied = { type: "Normal", reason: "Applied", message: "9 objects applied" } as const;
/** A status write as a pass sends it with its event; `marker` tells the rows apart. */
const statusWrite = (marker: string) =>
  sql`insert into ${reconcileEvents} (owner_key, type, reason, message)
      values (${`status/${marker}`}, 'Normal', 'Status', ${marker})`;
/** A write that fails (owner_key is not null), as a pass whose row went away would. */
const failingWrite = sql`insert into ${reconcileEvents} (owner_key, type, reason, message)
  values (null, 'Normal', 'Status', 'never')`;

describe.each(testDatabaseKinds())(
  "closing statements of passes finishing together on %s",
  (kind) => {
    const database = useTestDatabase(kind, [reconcileEvents]);
    const ownersWritten = async () =>
      (
        await database()
          .db.select({ owner: reconcileEvents.ownerKey })
          .from(reconcileEvents)
          .orderBy(asc(reconcileEvents.ownerKey))
      ).map((r) => r.owner);

    it("go out as one statement while another is on its way, each pass with its own answer", async () => {
      const { db, statements } = counting(database().db);
      await recordReconcileEvent(database().db, "environment/e", applied);
      const passes = ["a", "b", "c", "d", "e"].map((id) =>
        recordReconcileEvent(db, `environment/${id}`, applied, [statusWrite(id)]),
      );
      // The first goes at once; the four finishing while it is on its way share the next statement.
      expect(await Promise.all(passes)).toEqual([true, true, true, true, false]);
      expect(statements()).toBe(2);
      expect(await ownersWritten()).toEqual([
        "environment/a",
        "environment/b",
        "environment/c",
        "environment/d",
        "environment/e",
        "status/a",
        "status/b",
        "status/c",
        "status/d",
        "status/e",
      ]);
    });

    it("fail alone: the other passes of the batch are written, the failing one not at all", async () => {
      const { db } = counting(database().db);
      const first = recordReconcileEvent(db, "environment/a", applied, [statusWrite("a")]);
      const failing = recordReconcileEvent(db, "environment/b", applied, [
        statusWrite("b"),
        failingWrite,
      ]);
      const third = recordReconcileEvent(db, "environment/c", applied, [statusWrite("c")]);
      await expect(failing).rejects.toThrow();
      expect([await first, await third]).toEqual([true, true]);
      expect(await ownersWritten()).toEqual([
        "environment/a",
        "environment/c",
        "status/a",
        "status/c",
      ]);
    });
  },
);
