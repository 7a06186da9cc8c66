// Re-seals every cluster's credentials, user sign-in client secret, every person's cluster
// connection tokens and every repository credential's token or key under the
// current SLIPWAY_ENCRYPTION_KEY, after a rotation (the old key listed in
// SLIPWAY_ENCRYPTION_OLD_KEYS). Then the old key can be dropped.
//
//   npm run reseal-secrets
//
// Runs under tsx outside Next: it must not import anything that imports "server-only".
import path from "node:path";
import { openDatabase } from "../db/client";
import { env } from "../server/env";
import { logger } from "../server/logger";
import { resealClusterSignInSecrets } from "../server/services/cluster-sign-in/reseal-cluster-sign-in-secrets";
import { resealConnectionTokens } from "../server/services/connections/reseal-connection-tokens";
import { resealClusterCredentials } from "../server/services/clusters/reseal-cluster-credentials";
import { resealRepositoryCredentials } from "../server/services/repository-credentials/reseal-repository-credentials";

const handle = env.DATABASE_URL
  ? openDatabase({ url: env.DATABASE_URL })
  : openDatabase({ dataDir: path.resolve(env.SLIPWAY_DATA_DIR, "pglite") });
try {
  await handle.migrate();
  const { resealed } = await resealClusterCredentials(handle.db);
  logger.info({ resealed }, "cluster credentials re-sealed under the current key");
  const signIns = await resealClusterSignInSecrets(handle.db);
  logger.info(
    { resealed: signIns.resealed },
    "cluster user sign-in client secrets re-sealed under the current key",
  );
  const connections = await resealConnectionTokens(handle.db);
  logger.info(connections, "cluster connection tokens re-sealed under the current key");
  const repositories = await resealRepositoryCredentials(handle.db);
  logger.info(
    { resealed: repositories.resealed },
    "repository credentials re-sealed under the current key",
  );
} finally {
  await handle.close();
}
