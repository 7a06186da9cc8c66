// Fixtures for environment tests: environments inserted without the service (clusters come from
// testing/clusters.ts).
import type { Db } from "../db/client";
import { environments } from "../db/schema";
import { DEFAULT_QUOTA } from "../lib/environment-defaults";

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

/** The status the environment reconciler leaves on a Ready environment of generation 1. */
export const READY_STATUS = {
  observedGeneration: 1,
  conditions: [
    {
      type: "Ready" as const,
      status: "True" as const,
      reason: "Applied",
      message: "namespace and policies applied",
      observedGeneration: 1,
      lastTransitionTime: "2026-11-25T10:00:00.000Z",
    },
  ],
};
