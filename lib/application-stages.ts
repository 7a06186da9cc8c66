// Where an application stands in each environment, in the order it travels: the pipeline
// environment map's order when the application has one, else the promotion graph's (each parent
// before its children). The promotion page and the pipeline view both show these stages.
import { rollUp, type TComponentStatus, type TRollup } from "./deployment-rollup";

export interface TStageEnvironment {
  id: string;
  name: string;
  displayName: string;
  parentId: string | null;
}

/** What the application runs in one environment, as application.stages reads it. */
export interface TStageRow<E extends TStageEnvironment, C extends TComponentStatus> {
  environment: E;
  snapshot: { name: string; displayName: string } | null;
  deployedAt: Date | null;
  components: C[];
}

/** A row in its place: the pipeline stage's name, the parent environment, the rolled-up status. */
export type TStage<R extends TStageRow<TStageEnvironment, TComponentStatus>> = R & {
  /** The pipeline stage's name (test, stage, run…); null when the order is the graph's. */
  stage: string | null;
  parent: R["environment"] | null;
  status: TRollup;
};

/**
 * The nodes of a forest by their parent's id, in their own order; null holds the roots (and any
 * node whose parent is not among them, which then starts its own tree).
 */
export function childrenByParent<T>(
  nodes: readonly T[],
  idOf: (node: T) => string,
  parentOf: (node: T) => string | null,
): Map<string | null, T[]> {
  const ids = new Set(nodes.map(idOf));
  const childrenOf = new Map<string | null, T[]>();
  for (const node of nodes) {
    const parentId = parentOf(node);
    const parent = parentId && ids.has(parentId) ? parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), node]);
  }
  return childrenOf;
}

/** Each parent before its children, siblings (and separate trees) in the graph's own order. */
export function graphOrder<E extends TStageEnvironment>(nodes: readonly E[]): E[] {
  const childrenOf = childrenByParent(
    nodes,
    (n) => n.id,
    (n) => n.parentId,
  );
  const ordered: E[] = [];
  const visit = (parent: string | null) => {
    for (const node of childrenOf.get(parent) ?? []) {
      ordered.push(node);
      visit(node.id);
    }
  };
  visit(null);
  return ordered;
}

export function applicationStages<R extends TStageRow<TStageEnvironment, TComponentStatus>>({
  rows,
  pipeline,
}: {
  /** Every environment of the space, each with what the application runs there. */
  rows: readonly R[];
  /** The pipeline environment map in order; empty: follow the graph. */
  pipeline: readonly { stage: string; environment: { id: string } }[];
}): TStage<R>[] {
  const rowOf = new Map(rows.map((r) => [r.environment.id, r]));
  const ordered: [string | null, R][] =
    pipeline.length > 0
      ? pipeline.flatMap((s) => {
          const row = rowOf.get(s.environment.id);
          return row ? [[s.stage, row] as [string, R]] : [];
        })
      : graphOrder(rows.map((r) => r.environment)).flatMap((e) => {
          const row = rowOf.get(e.id);
          return row ? [[null, row] as [null, R]] : [];
        });
  return ordered.map(([stage, row]) => {
    const parentId = row.environment.parentId;
    return {
      ...row,
      stage,
      parent: parentId ? (rowOf.get(parentId)?.environment ?? null) : null,
      status: rollUp(row.components),
    };
  });
}
