// The application's database handle, opened lazily from the environment and cached on globalThis:
// Next imports route modules in several processes and a PGlite directory supports only one of them.
// db/ knows nothing of the environment; this is where the two meet.
import "server-only";
import path from "node:path";
import { env } from "@/server/env";
import { openDatabase, type DatabaseHandle, type Db } from "@/db/client";

const globalForDb = globalThis as unknown as {
  slipwayDb?: DatabaseHandle;
  slipwayDbReady?: Promise<void>;
};

export function getDatabase(): DatabaseHandle {
  globalForDb.slipwayDb ??= env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL })
    : openDatabase({
        dataDir: path.resolve(/* turbopackIgnore: true */ env.SLIPWAY_DATA_DIR, "pglite"),
      });
  return globalForDb.slipwayDb;
}

/** Runs migrations once per process; every caller awaits the same run. A failed run is forgotten, so the next caller retries. */
export function ensureMigrated(): Promise<void> {
  globalForDb.slipwayDbReady ??= getDatabase()
    .migrate()
    .catch((error: unknown) => {
      globalForDb.slipwayDbReady = undefined;
      throw error;
    });
  return globalForDb.slipwayDbReady;
}

/** Tests: serve the app's requests (route handlers, Auth.js) from this migrated database. */
export function setDatabaseForTests(handle: DatabaseHandle): void {
  globalForDb.slipwayDb = handle;
  globalForDb.slipwayDbReady = Promise.resolve();
}

export async function getDb(): Promise<Db> {
  await ensureMigrated();
  return getDatabase().db;
}

export type { Db };
