// Opens the database: PGlite under the data directory by default, Postgres when DATABASE_URL is set.
// Both speak the same schema and run the same committed migrations.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Db;
  kind: "pglite" | "postgres";
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /**
   * LISTEN on a channel: Postgres on a dedicated connection, PGlite in process. Notifications
   * arrive after the notifying transaction commits. `onError` hears a lost connection (Postgres);
   * the listener is then dead and the caller listens again. Resolves to a stop function.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onError?: (error: Error) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Any constant: several Slipway processes starting on one Postgres migrate one at a time.
const MIGRATION_LOCK = 0x511a7d8;

export const migrationsFolder = path.join(
  /* turbopackIgnore: true */ process.cwd(),
  "db",
  "migrations",
);

export type DatabaseOptions = { url: string } | { dataDir: string | null };

/** dataDir null gives an in-memory PGlite (tests). */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if ("url" in options) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection the server terminates (restart, failover, pg_terminate_backend) is
    // reported here; the pool drops it and the next query connects afresh. Without a listener
    // Node would treat it as an unhandled error and end the process.
    pool.on("error", () => undefined);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      migrate: async () => {
        // drizzle's migrator takes no lock of its own; hold a session advisory lock on one connection.
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client
            .query("select pg_advisory_unlock($1)", [MIGRATION_LOCK])
            .catch(() => undefined);
          client.release();
        }
      },
      ping: async () => {
        await pool.query("select 1");
      },
      listen: async (channel, onPayload, onError) => {
        // Not from the pool: a LISTENing connection must stay open and outside transactions.
        const client = new pg.Client({ connectionString: options.url });
        client.on("notification", (message) => {
          if (message.channel === channel) onPayload(message.payload ?? "");
        });
        let ended = false;
        client.on("end", () => (ended = true));
        client.on("error", (error) => onError?.(error));
        await client.connect();
        await client.query(`listen "${channel.replaceAll('"', '""')}"`);
        // end() on a connection the server already closed would wait for an "end" that came.
        return () => (ended ? Promise.resolve() : client.end().catch(() => undefined));
      },
      close: () => pool.end(),
    };
  }
  // pg_trgm backs substring search (Postgres ships it in contrib; PGlite as an extension).
  const extensions = { pg_trgm };
  let client: PGlite;
  if (options.dataDir === null) {
    client = new PGlite({ extensions });
  } else {
    // PGlite needs the parent of its data directory to exist.
    mkdirSync(path.dirname(options.dataDir), { recursive: true });
    client = new PGlite(options.dataDir, { extensions });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    ping: async () => {
      await client.query("select 1");
    },
    listen: async (channel, onPayload) => client.listen(channel, onPayload),
    close: () => client.close(),
  };
}
