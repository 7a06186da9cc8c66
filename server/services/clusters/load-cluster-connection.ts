import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusters } from "@/db/schema";
import type { TClusterConnection } from "@/server/k8s/connection";
import { AppError } from "../errors";
import { connectionOfRow } from "./cluster-credentials";

/** A cluster's connection with its credentials opened (for the reconciler and the probe). */
export async function loadClusterConnection(
  db: Db,
  clusterId: string,
): Promise<TClusterConnection> {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, clusterId));
  if (!row) throw new AppError("NOT_FOUND", `Cluster ${clusterId} was not found.`);
  return connectionOfRow(row);
}
