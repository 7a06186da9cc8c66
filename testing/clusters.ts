// Cluster rows for tests, with real sealed credentials. The default API URL refuses connections
// at once (port 1), so a check of it is quick and Ready=False.
import type { Db } from "../db/client";
import { clusters } from "../db/schema";
import type { TClusterCredentials } from "../server/k8s/connection";
import { sealCredentials } from "../server/services/clusters/cluster-credentials";

export const UNREACHABLE_API_URL = "https://127.0.0.1:1";

export async function insertTestCluster(
  db: Db,
  name: string,
  options: { apiUrl?: string; credentials?: TClusterCredentials } = {},
) {
  const credentials = options.credentials ?? { kind: "token", token: `token-of-${name}` };
  const [row] = await db
    .insert(clusters)
    .values({
      name,
      apiUrl: options.apiUrl ?? UNREACHABLE_API_URL,
      ...sealCredentials(credentials),
    })
    .returning();
  if (!row) throw new Error("cluster insert returned nothing");
  return row;
}

/** A token registration input for `name` (unreachable unless apiUrl says otherwise). */
export function tokenRegistration(name: string, apiUrl = UNREACHABLE_API_URL) {
  return {
    name,
    apiUrl,
    credentials: { source: "token" as const, token: `token-of-${name}` },
  };
}
