import "server-only";
import type { TDeployedApplication } from "@/components/environments/deployed-here";
import type { RouterOutputs } from "@/lib/trpc/types";
import { loadListPage } from "../../../../list-page";

type TDeployedPage = RouterOutputs["environment"]["deployed"];

/** Short: the page shows one history per application. */
export const HISTORY_PAGE_SIZE = 5;

/**
 * A page of the applications deployed in the environment, each with a page of its history here
 * and its promotion run in progress, if any: two reads per application on the page.
 */
export async function loadDeployedApplications(
  page: TDeployedPage,
  load: {
    history: (application: string) => Promise<RouterOutputs["promotion"]["history"]>;
    newestRun: (application: string) => Promise<RouterOutputs["promotion"]["list"]>;
    historyHref: (application: string) => (cursor?: string) => string;
  },
): Promise<TDeployedApplication[]> {
  return Promise.all(
    page.items.map(async (deployed) => {
      const [history, newest] = await Promise.all([
        loadListPage(
          () => load.history(deployed.application),
          load.historyHref(deployed.application)(),
        ),
        load.newestRun(deployed.application),
      ]);
      return {
        ...deployed,
        history,
        historyHref: load.historyHref(deployed.application),
        // At most one run is not Complete, and it is the newest.
        activeRun: newest.items.find((run) => run.state !== "Complete") ?? null,
      };
    }),
  );
}
