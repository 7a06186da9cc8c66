import { ensureMigrated, getDatabase } from "@/server/db";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

/**
 * Liveness plus database reachability; 503 when the database does not answer. The answer never
 * carries the error (it can name hosts, users and SQL): only a reference, the request id, under
 * which the error is logged.
 */
export async function GET(request: Request) {
  const started = performance.now();
  // proxy.ts sets x-request-id on every request.
  const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
  try {
    await ensureMigrated();
    const database = getDatabase();
    await database.ping();
    return Response.json({
      status: "ok",
      database: {
        status: "ok",
        kind: database.kind,
        latencyMs: Math.round(performance.now() - started),
      },
    });
  } catch (error) {
    logger.error({ err: error, requestId }, "health check: database unreachable");
    return Response.json({ status: "unavailable", reference: requestId }, { status: 503 });
  }
}
