// Where a binding's Argo CD objects go: the environment's own cluster (Argo CD running there,
// destination "in cluster"), or in hub topology the hub's Argo CD, deploying to the environment's
// cluster by its API URL (the hub holds an Argo CD cluster Secret for it, see reconcile-cluster).
import { IN_CLUSTER_SERVER } from "@/server/k8s/manifests/argo-application";
import type { TConnectionRow } from "@/server/services/clusters/cluster-credentials";

type TArgoCdCluster = TConnectionRow & { argoCdNamespace: string | null };

export interface TArgoPlacement {
  /** The cluster Argo CD runs in (the Applications' cluster, whose lease the pass holds). */
  cluster: TConnectionRow;
  argoCdNamespace: string | null;
  destinationServer: string;
}

export function argoPlacement(
  environmentCluster: TArgoCdCluster,
  hub: TArgoCdCluster | null,
): TArgoPlacement {
  if (!hub) {
    const { argoCdNamespace, ...cluster } = environmentCluster;
    return { cluster, argoCdNamespace, destinationServer: IN_CLUSTER_SERVER };
  }
  const { argoCdNamespace, ...cluster } = hub;
  return { cluster, argoCdNamespace, destinationServer: environmentCluster.apiUrl };
}
