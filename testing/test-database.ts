// Opens a fresh, migrated database of the requested kind for one test file.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../db/client";

export type TDatabaseKind = "pglite" | "postgres";

/** PGlite always; Postgres too when the run has DATABASE_URL. */
export function testDatabaseKinds(): TDatabaseKind[] {
  return inject("postgresTemplate") ? ["pglite", "postgres"] : ["pglite"];
}

export async function openTestDatabase(kind: TDatabaseKind): Promise<DatabaseHandle> {
  if (kind === "pglite") {
    const handle = openDatabase({ dataDir: null });
    await handle.migrate();
    return handle;
  }
  return openDatabase({ url: await createTestPostgresDatabase() });
}

/**
 * A fresh, migrated Postgres database cloned from the run's template; returns its URL (for tests
 * that hand it to another process, such as `npm run worker`).
 */
export async function createTestPostgresDatabase(): Promise<string> {
  const config = inject("postgresTemplate");
  if (!config) throw new Error("Postgres requested but DATABASE_URL is not set");
  const name = `${config.prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: config.url });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${config.template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(config.url);
  url.pathname = `/${name}`;
  return url.toString();
}
