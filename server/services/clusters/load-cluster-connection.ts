import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters } from "@/db/schema";
import type { TClusterConnection } from "@/server/k8s/connection";
import { AppError } from "../errors";
import { connectionOfRow, type TConnectionRow } from "./cluster-credentials";

/** The cluster columns a connection needs, for a select (or a join) of its own. */
export const connectionColumns = {
  id: clusters.id,
  name: clusters.name,
  apiUrl: clusters.apiUrl,
  insecureSkipTlsVerify: clusters.insecureSkipTlsVerify,
  credentials: clusters.credentials,
};

export async function loadConnectionRow(db: Db, clusterId: string): Promise<TConnectionRow> {
  const [row] = await db.select(connectionColumns).from(clusters).where(eq(clusters.id, clusterId));
  if (!row) throw new AppError("NOT_FOUND", `Cluster ${clusterId} was not found.`);
  return row;
}

/** A cluster's connection with its credentials opened (for the reconciler and the probe). */
export async function loadClusterConnection(
  db: Db,
  clusterId: string,
): Promise<TClusterConnection> {
  return connectionOfRow(await loadConnectionRow(db, clusterId));
}
