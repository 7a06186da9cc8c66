// Keyset (cursor) pagination input: a list's cost stays the same on its 500th page as on its
// first, because a page starts from the last row seen instead of skipping OFFSET rows.
import { z } from "zod";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** An opaque position in a list, from a previous page's `next` or `prev`. */
export const ZCursorSchema = z
  .string()
  .max(1024, "This page link is not valid.")
  .regex(/^[A-Za-z0-9_-]+$/, "This page link is not valid.");

export const ZPageInputSchema = z.object({
  cursor: ZCursorSchema.optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type TPageInput = z.infer<typeof ZPageInputSchema>;

/** One page of a list; `next` and `prev` are cursors for the neighbouring pages, null at an end. */
export interface TPage<T> {
  items: T[];
  next: string | null;
  prev: string | null;
}

/** Reads ?cursor= from a URL search param; anything that is not a well-formed cursor means the first page. */
export function parseCursorParam(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw !== undefined && ZCursorSchema.safeParse(raw).success ? raw : undefined;
}
