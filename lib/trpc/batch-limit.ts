// How many tRPC calls one HTTP request may carry. The server refuses more (so one request cannot
// make the server run an unbounded number of procedures); the browser client splits at the same
// size, so the app itself never hits the limit.
export const MAX_TRPC_BATCH_SIZE = 10;

/** The number of calls a tRPC request carries: the comma-separated paths of a `?batch=1` request. */
export function trpcBatchSize(url: URL, endpoint: string): number {
  if (url.searchParams.get("batch") !== "1") return 1;
  return url.pathname.slice(endpoint.length + 1).split(",").length;
}
