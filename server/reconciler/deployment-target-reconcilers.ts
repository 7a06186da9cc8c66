// The target and claim reconcilers in the reconciler's Reconciler shape. Both are leased by a
// cluster: a target by its own, a claim by its class's — binding may provision a target there,
// and one worker per cluster keeps two passes from provisioning twice.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deploymentTargetClaims, deploymentTargetClasses, deploymentTargets } from "@/db/schema";
import {
  reconcileKey,
  type TReconcileKey,
  type TReconcileKind,
} from "@/server/services/reconcile/request-reconcile";
import type { TReconcileResult } from "./controller";
import type { TTargetReconcileDeps } from "./deployment-target-deps";
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
  reconcile: (key: TReconcileKey, ctx: C) => Promise<TReconcileResult>;
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
      reconcile: (_key, ctx) => reconcileClaim({ db: ctx.db, now: ctx.now }, ctx.id),
      listKeys: async (db) =>
        (await db.select({ id: deploymentTargetClaims.id }).from(deploymentTargetClaims)).map((r) =>
          reconcileKey("claim", r.id),
        ),
      clusterOf: async (db, id) =>
        (
          await db
            .select({ clusterId: deploymentTargetClasses.clusterId })
            .from(deploymentTargetClaims)
            .innerJoin(
              deploymentTargetClasses,
              eq(deploymentTargetClasses.id, deploymentTargetClaims.classId),
            )
            .where(eq(deploymentTargetClaims.id, id))
        )[0]?.clusterId ?? null,
    },
  ];
}
