// The reconcilers a Slipway process runs, one per reconcile key kind.
import type { Reconciler, TReconcileContext } from "./controller";
import { targetReconcileDeps } from "./deployment-target-deps";
import { deploymentTargetReconcilers } from "./deployment-target-reconcilers";
import { bindingReconciler } from "./reconcile-binding";
import { promotionReconciler } from "./reconcile-promotion";
import { clusterReconciler } from "./reconcile-cluster";
import { environmentReconciler } from "./reconcile-environment";
import { workspaceReconciler } from "./reconcile-workspace";

export function defaultReconcilers(): Reconciler[] {
  return [
    clusterReconciler,
    environmentReconciler,
    workspaceReconciler,
    bindingReconciler,
    promotionReconciler,
    ...deploymentTargetReconcilers<TReconcileContext>((ctx) =>
      targetReconcileDeps(ctx.db, ctx.pool, () => ctx.now()),
    ),
  ];
}
