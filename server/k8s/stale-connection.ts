// Keep-alive's one hazard: a request written to an idle connection the server has just closed
// (restart, idle timeout, load balancer) fails with ECONNRESET / "socket hang up" although the
// server never saw it. For idempotent requests (apply, list, delete) the fix is what Go's
// net/http does: drop the idle connections and send once more on a fresh one.
import type { TClusterClient } from "./client-pool";

export async function retryOnStaleConnection<T>(
  client: TClusterClient,
  request: () => Promise<T>,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!isConnectionReset(error)) throw error;
    client.kubeConfig.dropIdleConnections();
    return request();
  }
}

function isConnectionReset(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return code === "ECONNRESET" || error.message.includes("socket hang up");
}
