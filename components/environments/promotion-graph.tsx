import Link from "next/link";
import { childrenByParent } from "@/lib/application-stages";
import type { RouterOutputs } from "@/lib/trpc/types";

type TGraph = RouterOutputs["environment"]["graph"];

/**
 * The promotion order as nested lists: each environment, then (after an arrow) the environments
 * promoted from it. Nested lists read well to screen readers and need no layout engine.
 */
export function PromotionGraph({
  space,
  graph,
  current,
}: {
  space: string;
  graph: TGraph;
  current?: string;
}) {
  // A parent outside the page (it cannot be, but the graph is bounded) starts its own tree.
  const children = childrenByParent(
    graph.nodes,
    (node) => node.id,
    (node) => node.parentId,
  );
  const branch = (parent: string | null, depth: number) => {
    const nodes = children.get(parent) ?? [];
    if (nodes.length === 0) return null;
    return (
      <ul className={depth === 0 ? "space-y-2" : "mt-2 space-y-2 border-l pl-6"}>
        {nodes.map((node) => (
          <li key={node.id}>
            <span className="flex items-center gap-2">
              {depth > 0 ? (
                <span role="img" aria-label="promoted to" className="text-muted-foreground">
                  →
                </span>
              ) : null}
              <Link
                href={`/spaces/${space}/environments/${node.name}`}
                className={
                  node.name === current ? "font-semibold underline" : "font-medium hover:underline"
                }
                aria-current={node.name === current ? "page" : undefined}
              >
                {node.displayName}
              </Link>
              <span className="text-muted-foreground font-mono text-xs">{node.type}</span>
            </span>
            {branch(node.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <nav aria-label="Promotion order" data-testid="promotion-graph">
      {branch(null, 0)}
    </nav>
  );
}
