// A person's cluster connection row for tests, with really sealed (made-up) tokens.
import type { Db } from "../db/client";
import { clusterConnections } from "../db/schema";
import { sealTokens } from "../server/services/connections/connection-tokens";

export const FAKE_TOKENS = {
  idToken: "fake-id-token-never-shown",
  accessToken: "fake-access-token-never-shown",
  refreshToken: "fake-refresh-token-never-shown",
};

export async function insertTestConnection(
  db: Db,
  values: { userId: string; clusterId: string; username?: string } & Partial<
    typeof clusterConnections.$inferInsert
  >,
) {
  const [row] = await db
    .insert(clusterConnections)
    .values({
      username: `${values.userId}@example.com`,
      expiresAt: new Date(Date.now() + 3_600_000),
      ...sealTokens(FAKE_TOKENS),
      ...values,
    })
    .returning();
  if (!row) throw new Error("connection insert returned nothing");
  return row;
}
