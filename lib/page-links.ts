// Links between the pages of a server-rendered, paginated list (?page=N, page 1 without it).
import { redirect } from "next/navigation";

/** `path` with `params` and `page` as its query; empty params and page 1 are left out. */
export function pageHref(path: string, page: number, params: Record<string, string> = {}): string {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== ""));
  if (page > 1) search.set("page", String(page));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A page past the end (an old link, or the last item on it removed) shows the last page instead. */
export function redirectPastLastPage(
  list: { page: number; pageCount: number },
  makeHref: (page: number) => string,
): void {
  if (list.page > list.pageCount) redirect(makeHref(list.pageCount));
}
