// Runs once per Next server process before it serves requests: migrate the database, bring every
// user's admin flag in line with SLIPWAY_ADMINS and, in development without a real identity
// provider, start the development OpenID provider; in development, start the Kubernetes API test
// server and register it as the cluster "sandbox" (trusting that provider as its OIDC issuer when it
// runs); and start the reconcile loop.

type TDevOidcGlobal = { slipwayDevOidc?: Promise<unknown>; slipwaySandbox?: Promise<unknown> };

export async function register(): Promise<void> {
  // The one process.env read outside server/env.ts. Next replaces NEXT_RUNTIME at build time, so
  // the Edge build drops this block and never bundles the Node-only modules imported inside it.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { logger } = await import("@/server/logger");
    const { devOidcEnabled, env, sandboxEnabled } = await import("@/server/env");
    const { ensureMigrated, getDatabase } = await import("@/server/db");
    const { reconcileAdmins } = await import("@/server/auth/reconcile-admins");

    const started = Date.now();
    try {
      await ensureMigrated();
      logger.info({ database: getDatabase().kind, ms: Date.now() - started }, "database migrated");
    } catch (error) {
      logger.fatal({ err: error }, "database migration failed");
      throw error;
    }

    const admins = await reconcileAdmins(getDatabase().db, env.SLIPWAY_ADMINS);
    if (admins.granted.length > 0 || admins.revoked.length > 0) {
      logger.info(admins, "admin rights reconciled with SLIPWAY_ADMINS");
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

    if (sandboxEnabled()) {
      const globalForSandbox = globalThis as unknown as TDevOidcGlobal;
      globalForSandbox.slipwaySandbox ??= (async () => {
        const { startSandboxServer } = await import("@/server/dev/sandbox/start-sandbox-server");
        const { ensureSandboxCluster } =
          await import("@/server/services/clusters/ensure-sandbox-cluster");
        const { devOidcIssuer } = await import("@/server/dev/oidc/constants");
        const port = env.SLIPWAY_SANDBOX_PORT;
        // With the development provider running, users connect to the sandbox through it.
        const oidcIssuerUrl = devOidcEnabled()
          ? devOidcIssuer(env.SLIPWAY_DEV_OIDC_PORT)
          : undefined;
        const sandbox = await startSandboxServer({
          port,
          dataDir: env.SLIPWAY_DATA_DIR,
          oidcIssuerUrl,
        });
        const result = await ensureSandboxCluster(getDatabase().db, sandbox.kubeconfigYaml, {
          userSignInIssuer: oidcIssuerUrl,
        });
        logger.info({ port, result }, "sandbox cluster (Kubernetes API test server) ready");
      })().catch((error: unknown) => {
        // The portal works without it; say why it is missing (SLIPWAY_SANDBOX=false turns it off).
        logger.error({ err: error }, "could not start the sandbox cluster");
      });
      await globalForSandbox.slipwaySandbox;
    }

    // The reconcile loop in this process, unless `npm run worker` processes run it (worker-only).
    if (env.SLIPWAY_RECONCILER === "in-process") {
      const { startReconcilerFromEnv } = await import("@/server/reconciler/start-from-env");
      await startReconcilerFromEnv();
    }
  }
}
