// One fresh, migrated database per describe block: opened before its tests, closed after them.
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DatabaseHandle } from "../db/client";
import { openTestDatabase, type TDatabaseKind } from "./test-database";

/**
 * Call inside describe(); the returned function gives the open handle inside hooks and tests.
 * `emptyBeforeEach` tables are emptied, in the order given, before every test.
 */
export function useTestDatabase(
  kind: TDatabaseKind,
  emptyBeforeEach: readonly PgTable[] = [],
): () => DatabaseHandle {
  let handle: DatabaseHandle | undefined;
  const open = () => {
    if (!handle) throw new Error("the test database is not open yet");
    return handle;
  };
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
  });
  beforeEach(async () => {
    for (const table of emptyBeforeEach) await open().db.delete(table);
  });
  afterAll(async () => {
    await handle?.close();
  });
  return open;
}
