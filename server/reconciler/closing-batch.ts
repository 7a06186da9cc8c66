// Group commit for the statements that close reconcile passes (an event, with the pass's status
// and object records as data-modifying WITHs: events.ts). While one is on its way to the database,
// the passes finishing meanwhile queue; when it returns they go out together as ONE statement. A
// lone pass goes at once, so nothing waits for a timer and an idle reconciler behaves as before;
// under load (4 workers finishing passes together) the database parses, plans and commits once
// per batch: measured on Postgres, a quarter to a half of its CPU per pass.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows-of";

/** One pass's closing: `alongside` writes, then `event`, an insert returning the new row's id. */
export interface TClosing {
  alongside: readonly SQL[];
  event: SQL;
}

type TEventId = number | string | undefined;

interface TQueued {
  closing: TClosing;
  resolve(id: TEventId): void;
  reject(error: unknown): void;
}

/** Bounds one statement's size (each pass adds a few kilobytes of object records). */
export const MAX_BATCH = 16;

class ClosingBatcher {
  private readonly queue: TQueued[] = [];
  private sending = false;

  constructor(private readonly db: Db) {}

  run(closing: TClosing): Promise<TEventId> {
    return new Promise((resolve, reject) => {
      this.queue.push({ closing, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0) await this.send(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.sending = false;
    }
  }

  private async send(batch: TQueued[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const [ids] = rowsOf<Record<string, TEventId>>(
          await this.db.execute(combinedStatement(batch.map((q) => q.closing))),
        );
        batch.forEach((q, i) => q.resolve(ids?.[`e${i}`] ?? undefined));
        return;
      } catch {
        // All or nothing (one statement): nothing was written. Each pass alone then gets its own
        // outcome, so one pass's failure (its cluster deleted meanwhile) does not fail the others.
      }
    }
    for (const q of batch) {
      try {
        const [row] = rowsOf<{ id: TEventId }>(await this.db.execute(singleStatement(q.closing)));
        q.resolve(row?.id);
      } catch (error) {
        q.reject(error);
      }
    }
  }
}

/** One pass: `with alongside_0 as (…), … <event insert>`. */
export function singleStatement({ alongside, event }: TClosing): SQL {
  const withs = alongside.map(
    (statement, i) => sql`${sql.raw(`alongside_${i}`)} as (${statement})`,
  );
  return withs.length > 0 ? sql`with ${sql.join(withs, sql`, `)} ${event}` : event;
}

/**
 * Several passes: every write a data-modifying WITH (Postgres runs each to completion, all in one
 * transaction), and one row answering each pass's event id as e0, e1, …. Passes in one batch never
 * share a row: the queue runs one pass per key at a time, and each writes only its own key's rows.
 */
export function combinedStatement(closings: readonly TClosing[]): SQL {
  const withs = closings.flatMap(({ alongside, event }, p) => [
    ...alongside.map((statement, i) => sql`${sql.raw(`p${p}_alongside_${i}`)} as (${statement})`),
    sql`${sql.raw(`p${p}_event`)} as (${event})`,
  ]);
  const ids = closings.map((_, p) => sql.raw(`(select id from p${p}_event) as e${p}`));
  return sql`with ${sql.join(withs, sql`, `)} select ${sql.join(ids, sql`, `)}`;
}

const batchers = new WeakMap<Db, ClosingBatcher>();

/** Sends a pass's closing statement, with any others queued meanwhile; resolves with its event id. */
export function runClosing(db: Db, closing: TClosing): Promise<TEventId> {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new ClosingBatcher(db)));
  return batcher.run(closing);
}
