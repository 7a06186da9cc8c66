// stand-in until clusters lands (server/services/clusters/load-cluster-connection.ts): reads the
// credentials column as plain JSON TClusterCredentials instead of opening a sealed value.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters } from "@/db/schema";
import type { TClusterConnection, TClusterCredentials } from "@/server/k8s/connection";
import { AppError } from "@/server/services/errors";

export async function loadClusterConnection(
  db: Db,
  clusterId: string,
): Promise<TClusterConnection> {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, clusterId));
  if (!row) throw new AppError("NOT_FOUND", "This cluster does not exist.");
  return {
    clusterId: row.id,
    clusterName: row.name,
    apiUrl: row.apiUrl,
    insecureSkipTlsVerify: row.insecureSkipTlsVerify,
    credentials: JSON.parse(row.credentials) as TClusterCredentials,
  };
}
