import { eq } from "drizzle-orm";
import { clusters } from "@/db/schema";
import type { TServiceContext } from "../context";
import { AppError } from "../errors";
import { clusterNotFound, type TClusterRow } from "./cluster-row";

/** The row by name, locked for update when asked (inside a transaction). */
export async function loadCluster(
  ctx: TServiceContext,
  name: string,
  options: { forUpdate?: boolean } = {},
): Promise<TClusterRow> {
  const query = ctx.db.select().from(clusters).where(eq(clusters.name, name));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("NOT_FOUND", clusterNotFound(name));
  return row;
}
