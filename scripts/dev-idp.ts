// Runs Slipway's development OpenID provider on its own (e2e tests, or a Slipway started with
// AUTH_OIDC_ISSUER pointing here):
//
//   npx tsx scripts/dev-idp.ts [--port 3001] [--redirect-uris <uri,uri>] [--token-ttl <seconds>]
//                              [--https-ca-file <path>]
//
// --token-ttl: lifetime of ID and access tokens (default one hour); the e2e tests' cluster issuer
// gives them less than Slipway's refresh-ahead margin, so every use refreshes without asking.
// --https-ca-file: serve https with a certificate from a fresh CA, whose PEM is written to <path>
// for whoever must trust this issuer (Slipway's sign-in settings, the test server's
// --oidc-ca-file), as a private issuer is trusted in real life.
// POST /dev/revoke-grants (form field `username`) revokes every grant of that demo user, as an
// identity provider's admin would: their refresh tokens are refused from then on.
//
// Env: SLIPWAY_DEV_OIDC_PORT (port), SLIPWAY_DEV_OIDC_REDIRECT_URIS (comma-separated), SLIPWAY_URL,
// SLIPWAY_DATA_DIR (keys). By default both ${SLIPWAY_URL}/api/auth/callback/dev and .../oidc are
// accepted. Configure Slipway with AUTH_OIDC_ISSUER=http://localhost:<port>,
// AUTH_OIDC_ID=slipway-dev, AUTH_OIDC_SECRET=slipway-dev-secret.
// Runs under tsx outside Next: it must not import anything that imports "server-only".
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { generateTls } from "../k8s-test-server/tls";
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
      "token-ttl": { type: "string" },
      "https-ca-file": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(
      "Usage: npx tsx scripts/dev-idp.ts [--port <port>] [--redirect-uris <uri,uri>] [--token-ttl <seconds>] [--https-ca-file <path>]",
    );
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

  const ttl = values["token-ttl"];
  const tokenTtlSeconds = ttl === undefined ? undefined : Number(ttl);
  if (tokenTtlSeconds !== undefined && (!Number.isInteger(tokenTtlSeconds) || tokenTtlSeconds < 1))
    throw new Error(`invalid --token-ttl ${ttl}`);
  const caFile = values["https-ca-file"];
  let tls: { certPem: string; keyPem: string } | undefined;
  if (caFile) {
    const material = await generateTls();
    writeFileSync(caFile, material.caCertPem);
    tls = { certPem: material.certPem, keyPem: material.keyPem };
  }

  const provider = await startDevOidcProvider({ port, redirectUris, tokenTtlSeconds, tls });
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
