import "server-only";
import { applicationStages } from "@/lib/application-stages";
import { phaseOf } from "@/lib/environment-phase";
import { MAX_PAGE_SIZE } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";
import { loadApplication } from "./application-data";

/**
 * What the promotion page and the pipeline view show per environment: the application's stages
 * (snapshot, components' sync and health, since when) in pipeline or graph order. Both orders
 * need every environment, so this reads every page of application.stages (one statement each).
 * Whether a promotion run is in progress comes with it: both pages follow it live.
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
  const readAllStages = async () => {
    const page = await api.application.stages({ ...ref, limit: MAX_PAGE_SIZE });
    const rows = [...page.items];
    for (let cursor = page.next; cursor !== null;) {
      const more = await api.application.stages({ ...ref, limit: MAX_PAGE_SIZE, cursor });
      rows.push(...more.items);
      cursor = more.next;
    }
    return rows;
  };
  const [rows, newestRun] = await Promise.all([
    readAllStages(),
    api.promotion.list({ ...ref, limit: 1 }),
  ]);
  const stages = applicationStages({
    rows,
    pipeline: order === "pipeline" ? detail.pipeline : [],
  });
  // At most one run is not Complete, and it is the newest (one active run per application).
  const activeRun = newestRun.items.find((run) => run.state !== "Complete") ?? null;
  // Live while a run, Argo CD or an environment's set-up (Promote waits for Ready) is under way.
  const moving =
    activeRun !== null ||
    stages.some(
      (s) => (s.snapshot && !s.status.settled) || phaseOf(s.environment).phase !== "Ready",
    );
  return { ...detail, stages, activeRun, moving };
}
