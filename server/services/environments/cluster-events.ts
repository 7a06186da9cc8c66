// The Events in an environment's namespace, read from its cluster now as the person (issue 9), a
// page at a time with the API's own limit/continue: Events come and go too fast for a copy in the
// database, and the cluster decides what the person may see.
import { ApiException, CoreV1Api } from "@kubernetes/client-node";
import type { TSpaceContext } from "../context";
import { AppError } from "../errors";
import { clusterEventOf, type TClusterEvent } from "./cluster-event";
import { loadEnvironment } from "./environment-row";
import { readClusterAsPerson } from "./read-cluster-as-person";

export const CLUSTER_EVENTS_PAGE = 50;

export interface TClusterEventsPage {
  /** In the API's order (by name): a page cannot be sorted across pages it does not hold. */
  items: TClusterEvent[];
  /** The API's continue token for the next page; null on the last. */
  continue: string | null;
}

export async function clusterEvents(
  ctx: TSpaceContext,
  input: { environment: string; continue?: string },
): Promise<TClusterEventsPage> {
  const env = await loadEnvironment(ctx.db, ctx.space.id, input.environment);
  const { clusterId, namespace } = env;
  if (!clusterId || !namespace)
    throw new AppError(
      "BAD_REQUEST",
      "This environment has no namespace yet: its deployment target claim is not bound.",
    );
  return readClusterAsPerson(
    ctx,
    {
      clusterId,
      environment: env.name,
      request: { verb: "list", resource: "events", name: "", namespace },
      notFound: `Namespace "${namespace}" is not on the cluster now.`,
    },
    async (kubeConfig) => {
      const list = await kubeConfig
        .makeApiClient(CoreV1Api)
        .listNamespacedEvent({
          namespace,
          limit: CLUSTER_EVENTS_PAGE,
          ...(input.continue ? { _continue: input.continue } : {}),
        })
        .catch((error: unknown) => {
          // 410 Gone: the token outlived the list it continued; 400: it never was one.
          if (input.continue && isBadContinue(error)) throw expiredContinue();
          throw error;
        });
      return { items: list.items.map(clusterEventOf), continue: list.metadata?._continue || null };
    },
  );
}

const isBadContinue = (error: unknown) =>
  error instanceof ApiException && (error.code === 410 || error.code === 400);

const expiredContinue = () =>
  new AppError(
    "BAD_REQUEST",
    "The events changed too much since the first page: load them again from the start.",
    { continue: ["The continue token has expired."] },
  );
