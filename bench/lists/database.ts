// The benchmark's database: a throwaway Postgres database on DATABASE_URL's server (created here
// and dropped at the end, like scripts/e2e-database.mjs), else PGlite in a temporary directory.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../db/client";

export interface TBenchDatabase {
  handle: DatabaseHandle;
  /** Where it lives, for the report. */
  where: string;
  dispose(): Promise<void>;
}

export async function openBenchDatabase(url: string | undefined): Promise<TBenchDatabase> {
  if (!url) {
    const dir = mkdtempSync(path.join(tmpdir(), "slipway-bench-"));
    const handle = openDatabase({ dataDir: path.join(dir, "pglite") });
    await handle.migrate();
    return {
      handle,
      where: `PGlite in ${dir}`,
      dispose: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `slipway_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  await withClient(adminUrl.toString(), (client) => client.query(`create database "${name}"`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = openDatabase({ url: target.toString() });
  await handle.migrate();
  return {
    handle,
    where: `Postgres database ${name} on ${target.host} (dropped at the end)`,
    dispose: async () => {
      await handle.close();
      await withClient(adminUrl.toString(), (client) =>
        client.query(`drop database if exists "${name}" with (force)`),
      );
    },
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
