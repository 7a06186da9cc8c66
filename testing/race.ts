// Race tests fire several transactions at once. Only Postgres runs them concurrently (a pool of
// connections); PGlite has one connection and runs them one after another, so there a race test
// checks the outcome but proves nothing about concurrency. Its name says which it is.
import type { TDatabaseKind } from "./test-database";

const RACE_LABEL: Record<TDatabaseKind, string> = {
  postgres: "(Postgres: real concurrency)",
  pglite: "(PGlite: serialised, not a concurrency proof)",
};

/** A race test's name, saying what this database kind proves. */
export function raceTestName(name: string, kind: TDatabaseKind): string {
  return `${name} ${RACE_LABEL[kind]}`;
}
