import "server-only";
import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { listHref } from "@/lib/list-href";
import { parseCursorParam } from "@/lib/validators/pagination";

/**
 * Loads one page of a list for a server-rendered page. A page link that is no longer valid (a
 * cursor from another version, or hand-edited) sends the visitor to the first page instead of
 * an error.
 */
export async function loadListPage<T>(load: () => Promise<T>, firstPageHref: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") redirect(firstPageHref);
    throw error;
  }
}

/**
 * The paging every list page does: the `cursor` search parameter read (an invalid one is
 * ignored), the page loaded through loadListPage, and the href of any page of the list at `path`.
 */
export async function loadPagedList<T>(
  path: string,
  searchParams: Promise<Record<string, string | string[] | undefined>>,
  load: (cursor: string | undefined) => Promise<T>,
): Promise<{ page: T; isFirstPage: boolean; hrefFor: (cursor?: string) => string }> {
  const cursor = parseCursorParam((await searchParams).cursor);
  const hrefFor = (c?: string) => listHref(path, { cursor: c });
  const page = await loadListPage(() => load(cursor), hrefFor());
  return { page, isFirstPage: !cursor, hrefFor };
}
