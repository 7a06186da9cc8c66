// A statement a hot path sends again and again with the same text, sent as a named prepared
// statement: node-postgres parses it once per connection, and Postgres skips parsing and, after
// its first few runs, planning (it switches to a generic plan). Every reconcile pass ends with one
// such statement; parsing and planning it again each time was a quarter of Postgres's CPU for a
// pass. PGlite runs in this process and ignores the name.
import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client";

const dialect = new PgDialect();

/**
 * Each name stays prepared on every pooled connection until it closes, so only so many texts are
 * named: a caller whose text varies without bound (a list inlined as one parameter each, say) gets
 * plain unnamed statements after the first few hundred, never an ever-growing set.
 */
const MAX_NAMED = 256;
const names = new Map<string, string>();

function nameFor(text: string): string | undefined {
  const known = names.get(text);
  if (known || names.size >= MAX_NAMED) return known;
  const name = `slipway_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/** db.execute(statement), prepared under a name derived from its text. */
export function executeNamed(db: Db, statement: SQL): Promise<unknown> {
  const query = dialect.sqlToQuery(statement);
  return db._.session.prepareQuery(query, undefined, nameFor(query.sql), false).execute();
}
