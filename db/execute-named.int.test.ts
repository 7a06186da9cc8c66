import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@/testing/test-database";
import { useTestDatabase } from "@/testing/use-test-database";
import type { Db } from "./client";
import { executeNamed } from "./execute-named";
import { rowsOf } from "./rows-of";

describe.each(testDatabaseKinds())("executeNamed on %s", (kind) => {
  const database = useTestDatabase(kind);

  it("answers each run with its own parameters", async () => {
    const db = database().db;
    for (const n of [1, 2, 3]) {
      const rows = rowsOf<{ doubled: number }>(
        await executeNamed(db, sql`select ${n}::int * 2 as doubled`),
      );
      expect(rows).toEqual([{ doubled: n * 2 }]);
    }
  });
});

// Prepared statements are Postgres's: on a run without DATABASE_URL this block has no cases.
describe.each(testDatabaseKinds().filter((kind) => kind === "postgres"))(
  "executeNamed's prepared statements on %s",
  (kind) => {
    const database = useTestDatabase(kind);

    /** The statements prepared on the transaction's connection, with how many times each ran. */
    const preparedOn = async (tx: Db) =>
      rowsOf<{ statement: string; runs: number }>(
        await tx.execute(
          sql`select statement, (generic_plans + custom_plans)::int as runs from pg_prepared_statements`,
        ),
      );

    it("prepares a text once per connection and runs it again by name", async () => {
      await database().db.transaction(async (tx) => {
        for (const id of [1, 2, 3, 4, 5, 6, 7]) {
          await executeNamed(tx, sql`select ${id}::int as id, 'repeated text' as marker`);
        }
        const prepared = (await preparedOn(tx)).filter((p) =>
          p.statement.includes("repeated text"),
        );
        expect(prepared.map((p) => p.runs)).toEqual([7]);
      });
    });

    it("stops naming new texts after a few hundred, and still runs them", async () => {
      await database().db.transaction(async (tx) => {
        for (let i = 0; i < 300; i += 1) {
          const rows = rowsOf<{ n: number }>(
            await executeNamed(
              tx,
              sql`select ${sql.raw(String(i))}::int as n, 'distinct text' as m`,
            ),
          );
          expect(rows).toEqual([{ n: i, m: "distinct text" }]);
        }
        const prepared = (await preparedOn(tx)).filter((p) =>
          p.statement.includes("distinct text"),
        );
        expect(prepared.length).toBeGreaterThan(0);
        expect(prepared.length).toBeLessThan(300);
      });
    });
  },
);
