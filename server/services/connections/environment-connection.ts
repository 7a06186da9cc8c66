// The person's connection to the cluster an environment lives on (its card on the environment page).
import { eq } from "drizzle-orm";
import { clusters } from "@/db/schema";
import type { TSpaceContext } from "../context";
import { loadEnvironment } from "../environments/environment-row";
import {
  connectionViewOf,
  selectConnectionStatuses,
  type TClusterConnectionView,
} from "./connection-status";

/** Null while the environment has no cluster yet (a claim not bound). */
export async function environmentConnection(
  ctx: TSpaceContext,
  input: { environment: string },
): Promise<TClusterConnectionView | null> {
  const environment = await loadEnvironment(ctx.db, ctx.space.id, input.environment);
  if (!environment.clusterId) return null;
  const [row] = await selectConnectionStatuses(
    ctx.db,
    ctx.actor.id,
    eq(clusters.id, environment.clusterId),
  );
  return row ? connectionViewOf(row) : null;
}
