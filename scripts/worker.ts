// `npm run worker`: the reconcile loop as its own process. Several may run against one Postgres;
// cluster leases keep each cluster's work on one of them at a time. Stops cleanly on SIGTERM/SIGINT
// (finishing running passes and releasing its leases so another worker takes over at once).
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { startReconcilerFromEnv } from "@/server/reconciler/start-from-env";

async function main() {
  if (env.SLIPWAY_RECONCILER === "off") {
    logger.warn("SLIPWAY_RECONCILER=off: the worker has nothing to do");
    return;
  }
  if (!env.DATABASE_URL) {
    // A PGlite directory supports one process, and that is the Slipway server's.
    logger.fatal(
      "npm run worker needs DATABASE_URL: workers share a Postgres database with Slipway",
    );
    process.exit(1);
  }
  const reconciler = await startReconcilerFromEnv();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping the reconciler");
    void reconciler.stop().finally(() => process.exit(0));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "the reconcile worker failed to start");
  process.exit(1);
});
