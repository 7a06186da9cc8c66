// Fixtures for environment tests: clusters inserted directly (the clusters branch owns sealing
// real credentials; these rows never reach a cluster) and environments without the service.
import type { Db } from "../db/client";
import { clusters, environments } from "../db/schema";
import { DEFAULT_QUOTA } from "../lib/environment-defaults";

export async function insertTestCluster(
  db: Db,
  name: string,
  values: Partial<typeof clusters.$inferInsert> = {},
) {
  const [row] = await db
    .insert(clusters)
    .values({
      name,
      apiUrl: `https://${name}.example.test:6443`,
      authKind: "token",
      credentials: "not-sealed-test-credentials",
      credentialsKeyId: "test",
      quotaCeilings: {
        "requests.cpu": "8",
        "requests.memory": "16Gi",
        "limits.cpu": "16",
        "limits.memory": "32Gi",
        pods: "100",
      },
      ...values,
    })
    .returning();
  if (!row) throw new Error("cluster insert returned nothing");
  return row;
}

/** A valid create input for the environment router, on the given cluster. */
export function environmentInput(
  space: string,
  clusterId: string,
  values: { name: string; type?: "build" | "dev" | "test" | "stage" | "run" | "custom" } & Record<
    string,
    unknown
  >,
) {
  const type = values.type ?? "test";
  return {
    space,
    displayName: values.name,
    type,
    clusterId,
    quota: DEFAULT_QUOTA[type],
    ...values,
  };
}

export async function insertTestEnvironment(
  db: Db,
  values: Pick<typeof environments.$inferInsert, "spaceId" | "name" | "clusterId"> &
    Partial<typeof environments.$inferInsert>,
) {
  const [row] = await db
    .insert(environments)
    .values({ displayName: values.name, type: "test", namespace: values.name, ...values })
    .returning();
  if (!row) throw new Error("environment insert returned nothing");
  return row;
}
