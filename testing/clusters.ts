// Cluster rows for tests, with real sealed credentials. The default API URL refuses connections
// at once (port 1), so a check of it is quick and Ready=False.
import type { Db } from "../db/client";
import { clusters } from "../db/schema";
import type { TClusterCredentials } from "../server/k8s/connection";
import { sealCredentials } from "../server/services/clusters/cluster-credentials";

export const UNREACHABLE_API_URL = "https://127.0.0.1:1";

/**
 * A cluster row with really sealed credentials (a token by default) and roomy quota ceilings;
 * `values` overrides any column.
 */
export async function insertTestCluster(
  db: Db,
  name: string,
  values: Partial<typeof clusters.$inferInsert> & { plainCredentials?: TClusterCredentials } = {},
) {
  const { plainCredentials, ...columns } = values;
  const [row] = await db
    .insert(clusters)
    .values({
      name,
      apiUrl: UNREACHABLE_API_URL,
      ...sealCredentials(plainCredentials ?? { kind: "token", token: `token-of-${name}` }),
      quotaCeilings: {
        "requests.cpu": "8",
        "requests.memory": "16Gi",
        "limits.cpu": "16",
        "limits.memory": "32Gi",
        pods: "100",
      },
      ...columns,
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
