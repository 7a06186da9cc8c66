// Keyset pagination: a page is "the next N rows after this key" in a unique, indexed order, so
// its cost does not grow with depth (no OFFSET) and no COUNT over the table is needed.
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import { AppError } from "./errors";

type TDirection = "next" | "prev";

interface TCursor {
  direction: TDirection;
  key: unknown[];
}

function encodeCursor(direction: TDirection, key: unknown[]): string {
  return Buffer.from(JSON.stringify({ d: direction, k: key }), "utf8").toString("base64url");
}

const staleLink = () =>
  new AppError("BAD_REQUEST", "This page link is not valid any more. Start from the first page.");

function decodeCursor<K extends unknown[]>(
  cursor: string | undefined,
  keySchema: z.ZodType<K>,
): TCursor | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw staleLink();
  }
  const { d, k } = (parsed ?? {}) as { d?: unknown; k?: unknown };
  const key = keySchema.safeParse(k);
  if ((d !== "next" && d !== "prev") || !key.success) throw staleLink();
  return { direction: d, key: key.data };
}

export interface TKeysetOrder<K extends unknown[]> {
  /** The ordering columns; together they must be unique (end with a primary key). */
  columns: readonly (AnyColumn | SQL)[];
  /** One direction for all columns, so a row comparison `(a, b) > (x, y)` expresses "after". */
  direction: "asc" | "desc";
  /** Validates a cursor's key (it comes from the URL); a bad one is a 400, never a 500. */
  keySchema: z.ZodType<K>;
}

export interface TKeysetPlan {
  /** Add to the query's WHERE (undefined on the first page). */
  where: SQL | undefined;
  orderBy: SQL[];
  /** Fetch this many rows: one more than the page, to learn whether another page follows. */
  limit: number;
  finish<Row>(rows: Row[], keyOf: (row: Row) => unknown[]): TPage<Row>;
}

/**
 * Plans one page of a keyset-paginated list: the caller adds `where`, `orderBy` and `limit` to its
 * query and hands the rows to `finish`. Going back ("prev") reads the order reversed and flips the
 * rows, so it is as cheap as going forward.
 */
export function planKeysetPage<K extends unknown[]>(
  order: TKeysetOrder<K>,
  input: TPageInput,
): TKeysetPlan {
  const cursor = decodeCursor(input.cursor, order.keySchema);
  const backwards = cursor?.direction === "prev";
  const ascending = (order.direction === "asc") !== backwards;
  const columns = sql.join([...order.columns], sql`, `);
  let where: SQL | undefined;
  if (cursor) {
    const values = sql.join(
      cursor.key.map((value) => sql`${value}`),
      sql`, `,
    );
    where = ascending ? sql`(${columns}) > (${values})` : sql`(${columns}) < (${values})`;
  }
  const orderBy = order.columns.map((column) =>
    ascending ? sql`${column} asc` : sql`${column} desc`,
  );
  return {
    where,
    orderBy,
    limit: input.limit + 1,
    finish(rows, keyOf) {
      const more = rows.length > input.limit;
      const page = rows.slice(0, input.limit);
      if (backwards) page.reverse();
      const first = page[0];
      const last = page[page.length - 1];
      const nextKey = last && (backwards || more) ? keyOf(last) : null;
      const prevKey = first && (backwards ? more : cursor !== null) ? keyOf(first) : null;
      return {
        items: page,
        next: nextKey ? encodeCursor("next", nextKey) : null,
        prev: prevKey ? encodeCursor("prev", prevKey) : null,
      };
    },
  };
}
