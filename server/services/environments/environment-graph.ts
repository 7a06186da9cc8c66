import { asc, eq } from "drizzle-orm";
import { environments } from "@/db/schema";
import type { TSpaceContext } from "../context";
import { environmentSummaryColumns } from "./find-environments";

/** More than any space should have; the graph stays one bounded query. */
const GRAPH_LIMIT = 500;

/**
 * The space's promotion graph: every environment as a node and an edge from each parent to its
 * child (dev → stage → run). Parents are in the same space and never form a cycle (the services
 * refuse both), so the graph is a forest.
 */
export async function environmentGraph(ctx: TSpaceContext) {
  const nodes = await ctx.db
    .select(environmentSummaryColumns)
    .from(environments)
    .where(eq(environments.spaceId, ctx.space.id))
    .orderBy(asc(environments.createdAt), asc(environments.id))
    .limit(GRAPH_LIMIT);
  const ids = new Set(nodes.map((node) => node.id));
  const edges = nodes
    .filter((node) => node.parentId !== null && ids.has(node.parentId))
    .map((node) => ({ from: node.parentId!, to: node.id }));
  return { nodes, edges, truncated: nodes.length === GRAPH_LIMIT };
}
