import "server-only";
import { applicationStages } from "@/lib/application-stages";
import { phaseOf } from "@/lib/environment-phase";
import { MAX_PAGE_SIZE } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";
import { loadApplication } from "./application-data";

/**
 * What the promotion page and the pipeline view show per environment: the application's stages
 * (snapshot, components' sync and health, since when) in pipeline or graph order, from four list
 * procedures read at once. Whether a promotion run is in progress comes with it: both pages
 * follow it live.
 */
export async function loadApplicationStages(
  space: string,
  application: string,
  /** The pipeline view follows the pipeline map; the promotion page the graph's edges. */
  order: "pipeline" | "graph",
) {
  const detail = await loadApplication(space, application);
  const api = await getServerApi();
  const ref = { space, application };
  // An environment has one binding per application and a binding a deployment per component:
  // a page of the largest size holds them for any space of ordinary size.
  const [graph, bindings, deployments, newestRun] = await Promise.all([
    api.environment.graph({ space }),
    api.binding.list({ ...ref, limit: MAX_PAGE_SIZE }),
    api.deployment.list({ ...ref, limit: MAX_PAGE_SIZE }),
    api.promotion.list({ ...ref, limit: 1 }),
  ]);
  const environments = graph.nodes.filter((env) => !env.deletionRequestedAt);
  const stages = applicationStages({
    environments,
    pipeline: order === "pipeline" ? detail.pipeline : [],
    bindings: bindings.items,
    deployments: deployments.items,
  });
  // At most one run is not Complete, and it is the newest (one active run per application).
  const activeRun = newestRun.items.find((run) => run.state !== "Complete") ?? null;
  // Live while a run, Argo CD or an environment's set-up (Promote waits for Ready) is under way.
  const moving =
    activeRun !== null ||
    stages.some(
      (s) => (s.snapshot && !s.status.settled) || phaseOf(s.environment).phase !== "Ready",
    );
  // Beyond one page of bindings or deployments the stages would be silently incomplete: say so.
  const truncated = graph.truncated || bindings.next !== null || deployments.next !== null;
  return { ...detail, stages, activeRun, moving, truncated };
}
