// Runs Slipway's development OpenID provider on its own (e2e tests, or a Slipway started with
// AUTH_OIDC_ISSUER pointing here):
//
//   npx tsx scripts/dev-idp.ts [--port 3001] [--redirect-uris <uri,uri>]
//
// Env: SLIPWAY_DEV_OIDC_PORT (port), SLIPWAY_DEV_OIDC_REDIRECT_URIS (comma-separated), SLIPWAY_URL,
// SLIPWAY_DATA_DIR (keys). By default both ${SLIPWAY_URL}/api/auth/callback/dev and .../oidc are
// accepted. Configure Slipway with AUTH_OIDC_ISSUER=http://localhost:<port>,
// AUTH_OIDC_ID=slipway-dev, AUTH_OIDC_SECRET=slipway-dev-secret.
// Runs under tsx outside Next: it must not import anything that imports "server-only".
import { parseArgs } from "node:util";
import { env } from "../server/env";
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  devOidcRedirectUris,
  startDevOidcProvider,
} from "../server/dev/oidc";
import { logger } from "../server/logger";

function splitList(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", short: "p" },
      "redirect-uris": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log("Usage: npx tsx scripts/dev-idp.ts [--port <port>] [--redirect-uris <uri,uri>]");
    return;
  }
  const port = values.port === undefined ? env.SLIPWAY_DEV_OIDC_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid --port ${values.port}`);
  const redirectUris =
    splitList(values["redirect-uris"]) ??
    (env.SLIPWAY_DEV_OIDC_REDIRECT_URIS.length > 0
      ? env.SLIPWAY_DEV_OIDC_REDIRECT_URIS
      : undefined) ??
    devOidcRedirectUris(env.SLIPWAY_URL, ["dev", "oidc"]);

  const provider = await startDevOidcProvider({ port, redirectUris });
  logger.info(
    {
      issuer: provider.issuer,
      clientId: "slipway-dev",
      users: DEMO_USERS.map((user) => user.username),
      demoPassword: DEMO_PASSWORD,
    },
    "development identity provider ready",
  );

  const shutdown = (signal: string) => {
    logger.info({ signal }, "stopping development identity provider");
    provider.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, "development identity provider failed to start");
  process.exit(1);
});
