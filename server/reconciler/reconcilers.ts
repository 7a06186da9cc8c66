// The reconcilers a Slipway process runs, one per reconcile key kind. Deployment targets and
// claims (reconcile-target.ts, reconcile-claim.ts) join this list when their branch lands.
import type { Reconciler } from "./controller";
import { clusterReconciler } from "./reconcile-cluster";
import { environmentReconciler } from "./reconcile-environment";
import { workspaceReconciler } from "./reconcile-workspace";

export function defaultReconcilers(): Reconciler[] {
  return [clusterReconciler, environmentReconciler, workspaceReconciler];
}
