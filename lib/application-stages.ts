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

interface TStageBinding {
  environment: { name: string };
  snapshot: { name: string; displayName: string };
  deployedAt: Date;
}

interface TStageDeployment extends TComponentStatus {
  environment: string;
}

export interface TStage<E extends TStageEnvironment, D extends TStageDeployment> {
  /** The pipeline stage's name (test, stage, run…); null when the order is the graph's. */
  stage: string | null;
  environment: E;
  parent: E | null;
  snapshot: TStageBinding["snapshot"] | null;
  /** Since when the environment runs that snapshot. */
  deployedAt: Date | null;
  components: D[];
  status: TRollup;
}

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

export function applicationStages<E extends TStageEnvironment, D extends TStageDeployment>({
  environments,
  pipeline,
  bindings,
  deployments,
}: {
  environments: readonly E[];
  /** The pipeline environment map in order; empty: follow the graph. */
  pipeline: readonly { stage: string; environment: { id: string } }[];
  bindings: readonly TStageBinding[];
  deployments: readonly D[];
}): TStage<E, D>[] {
  const byId = new Map(environments.map((e) => [e.id, e]));
  const ordered: [string | null, E][] =
    pipeline.length > 0
      ? pipeline.flatMap((s) => {
          const environment = byId.get(s.environment.id);
          return environment ? [[s.stage, environment] as [string, E]] : [];
        })
      : graphOrder(environments).map((e) => [null, e]);
  const bindingIn = new Map(bindings.map((b) => [b.environment.name, b]));
  return ordered.map(([stage, environment]) => {
    const binding = bindingIn.get(environment.name);
    const components = deployments.filter((d) => d.environment === environment.name);
    return {
      stage,
      environment,
      parent: environment.parentId ? (byId.get(environment.parentId) ?? null) : null,
      snapshot: binding?.snapshot ?? null,
      deployedAt: binding?.deployedAt ?? null,
      components,
      status: rollUp(components),
    };
  });
}
