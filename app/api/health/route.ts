import { ensureMigrated, getDatabase } from "@/server/db";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

/** Liveness plus database reachability; 503 when the database does not answer. */
export async function GET() {
  const started = performance.now();
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
    logger.error({ err: error }, "health check: database unreachable");
    return Response.json(
      {
        status: "error",
        database: {
          status: "error",
          message: error instanceof Error ? error.message : String(error),
        },
      },
      { status: 503 },
    );
  }
}
