// Reading an environment's cluster for a person (issue 9: "viewing the environment's events and
// objects' live state"): with their own token where the cluster has user sign-in, so its RBAC
// decides what they see, else with the cluster's service credentials (Slipway's role check only).
// Everything the cluster says ends as words: its 403 names the person's account there, a missing
// connection asks them to connect, an unreachable cluster says so.
import type { KubeConfig } from "@kubernetes/client-node";
import { explainKubernetesError } from "@/server/k8s/explain-error";
import { kubeConfigFor } from "@/server/k8s/kube-config-for";
import { isNotFound } from "@/server/k8s/kubernetes-error";
import { loadClusterConnection } from "../clusters/load-cluster-connection";
import { asPerson, type TClusterRequest } from "../connections/cluster-forbidden";
import { namingEnvironment, whoOf } from "../connections/person-checks";
import { withUserCluster } from "../connections/user-cluster-access";
import type { TSpaceContext } from "../context";
import { AppError } from "../errors";

export interface TClusterRead {
  clusterId: string;
  environment: string;
  /** What is read, for the words of a 403 ("may not get resourcequotas `x` in `ns`"). */
  request: TClusterRequest;
  /** Said when the cluster answers 404. */
  notFound: string;
}

export async function readClusterAsPerson<T>(
  ctx: TSpaceContext,
  read: TClusterRead,
  fn: (kubeConfig: KubeConfig) => Promise<T>,
): Promise<T> {
  try {
    return await namingEnvironment(read.environment, () =>
      withUserCluster(ctx, ctx.actor.id, read.clusterId, async (access) => {
        if (access.kind === "not-configured")
          return fn(kubeConfigFor(await loadClusterConnection(ctx.db, read.clusterId)));
        // A 401 passes through asPerson untouched: withUserCluster refreshes and tries once more.
        return asPerson(whoOf(access), read.request, () => fn(access.kubeConfig));
      }),
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isNotFound(error)) throw new AppError("NOT_FOUND", read.notFound);
    ctx.log.info({ err: error, clusterId: read.clusterId }, "reading the cluster failed");
    throw new AppError(
      "BAD_REQUEST",
      `Could not read from the environment's cluster: ${explainKubernetesError(error).message}.`,
    );
  }
}
