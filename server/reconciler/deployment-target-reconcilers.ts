// The target and claim reconcilers in the reconciler's Reconciler shape (kind, reconcile,
// listKeys, clusterOf), typed structurally here so they register without change once the
// reconciler branch lands: defaultReconcilers() adds
// `...deploymentTargetReconcilers((ctx) => targetReconcileDeps(ctx.db, ctx.pool, ctx.now))`.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClaims, deploymentTargets } from "@/db/schema";
import {
  reconcileKey,
  type TReconcileKey,
  type TReconcileKind,
} from "@/server/services/reconcile/request-reconcile";
import type { TReconcileOutcome, TTargetReconcileDeps } from "./deployment-target-deps";
import { reconcileClaim } from "./reconcile-claim";
import { reconcileTarget } from "./reconcile-target";

/** What these reconcilers use of the reconciler's TReconcileContext. */
export interface TTargetReconcileContext {
  db: Db;
  id: string;
  now: () => Date;
}

export interface TDeploymentTargetReconciler<C extends TTargetReconcileContext> {
  kind: TReconcileKind;
  reconcile: (key: TReconcileKey, ctx: C) => Promise<TReconcileOutcome>;
  listKeys: (db: Db) => Promise<TReconcileKey[]>;
  clusterOf: (db: Db, id: string) => Promise<string | null>;
}

export function deploymentTargetReconcilers<C extends TTargetReconcileContext>(
  depsFor: (ctx: C) => TTargetReconcileDeps,
): TDeploymentTargetReconciler<C>[] {
  return [
    {
      kind: "target",
      reconcile: (_key, ctx) => reconcileTarget(depsFor(ctx), ctx.id),
      listKeys: async (db) =>
        (await db.select({ id: deploymentTargets.id }).from(deploymentTargets)).map((r) =>
          reconcileKey("target", r.id),
        ),
      // The target's cluster work is leased like any other on that cluster.
      clusterOf: async (db, id) =>
        (
          await db
            .select({ clusterId: deploymentTargets.clusterId })
            .from(deploymentTargets)
            .where(eq(deploymentTargets.id, id))
        )[0]?.clusterId ?? null,
    },
    {
      kind: "claim",
      // Database only: binding takes row locks, so two workers on one claim run one at a time.
      reconcile: (_key, ctx) => reconcileClaim({ db: ctx.db, now: ctx.now }, ctx.id),
      listKeys: async (db) =>
        (await db.select({ id: deploymentTargetClaims.id }).from(deploymentTargetClaims)).map((r) =>
          reconcileKey("claim", r.id),
        ),
      clusterOf: () => Promise.resolve(null),
    },
  ];
}
