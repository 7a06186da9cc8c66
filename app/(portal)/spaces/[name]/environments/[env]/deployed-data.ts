import "server-only";
import type { TDeployedApplication } from "@/components/environments/deployed-here";
import type { RouterOutputs } from "@/lib/trpc/types";
import { loadListPage } from "../../../../list-page";

type TDeployment = RouterOutputs["deployment"]["list"]["items"][number];

/** Short: the page shows one history per application. */
export const HISTORY_PAGE_SIZE = 5;

/**
 * The environment's deployments grouped per application (in the order listed), each with a page
 * of its history here and its promotion run in progress, if any: two reads per application on
 * the page of deployments.
 */
export async function loadDeployedApplications(
  deployments: TDeployment[],
  load: {
    history: (application: string) => Promise<RouterOutputs["promotion"]["history"]>;
    newestRun: (application: string) => Promise<RouterOutputs["promotion"]["list"]>;
    historyHref: (application: string) => (cursor?: string) => string;
  },
): Promise<TDeployedApplication[]> {
  const byApplication = new Map<string, TDeployment[]>();
  for (const d of deployments) {
    byApplication.set(d.application, [...(byApplication.get(d.application) ?? []), d]);
  }
  return Promise.all(
    [...byApplication].map(async ([application, components]) => {
      const [history, newest] = await Promise.all([
        loadListPage(() => load.history(application), load.historyHref(application)()),
        load.newestRun(application),
      ]);
      return {
        application,
        snapshot: components[0]!.snapshot,
        components,
        history,
        historyHref: load.historyHref(application),
        // At most one run is not Complete, and it is the newest.
        activeRun: newest.items.find((run) => run.state !== "Complete") ?? null,
      };
    }),
  );
}
