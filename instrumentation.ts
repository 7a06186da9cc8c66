// Runs once per Next server process before it serves requests: migrate the database and, in
// development without a real identity provider, start the development OpenID provider.

type TDevOidcGlobal = { slipwayDevOidc?: Promise<unknown> };

export async function register(): Promise<void> {
  // The one process.env read outside server/env.ts. Next replaces NEXT_RUNTIME at build time, so
  // the Edge build drops this block and never bundles the Node-only modules imported inside it.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { logger } = await import("@/server/logger");
    const { devOidcEnabled, env } = await import("@/server/env");
    const { ensureMigrated, getDatabase } = await import("@/server/db");

    const started = Date.now();
    try {
      await ensureMigrated();
      logger.info({ database: getDatabase().kind, ms: Date.now() - started }, "database migrated");
    } catch (error) {
      logger.fatal({ err: error }, "database migration failed");
      throw error;
    }

    if (devOidcEnabled()) {
      const { startDevOidcProvider } = await import("@/server/dev/oidc/provider");
      const port = env.SLIPWAY_DEV_OIDC_PORT;
      // Once per process (register() may run again after a dev-server reload).
      const globalForDevOidc = globalThis as unknown as TDevOidcGlobal;
      globalForDevOidc.slipwayDevOidc ??= startDevOidcProvider({ port }).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
          // Next imports route modules in extra child processes; another one already serves it.
          logger.debug({ port }, "development OpenID provider already running on this port");
        } else {
          logger.error({ err: error, port }, "could not start the development OpenID provider");
        }
        return undefined;
      });
      await globalForDevOidc.slipwayDevOidc;
    }
  }
}
