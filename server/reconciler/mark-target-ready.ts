// The end of a successful target pass: phase, ServiceAccount, a renewed token and Ready status,
// written only when something changed, so an idle resync writes nothing.
import { eq, sql } from "drizzle-orm";
import { deploymentTargetClaims, deploymentTargets } from "@/db/schema";
import { readyTargetPhase } from "@/server/services/deployment-targets/phases";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import type { TTargetReconcileDeps } from "./deployment-target-deps";
import { nextStatus, sameConditions } from "./deployment-target-status";

export interface TSealedToken {
  sealed: string;
  keyId: string;
  expiresAt: Date;
}

export async function markTargetReady(
  deps: TTargetReconcileDeps,
  id: string,
  serviceAccount: string,
  token: TSealedToken | null,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    // Under the row lock: a claim binding or being deleted meanwhile is seen, or waits for us.
    const [row] = await tx
      .select()
      .from(deploymentTargets)
      .where(eq(deploymentTargets.id, id))
      .for("update");
    if (!row || row.deletionRequestedAt) return;
    const claims = await tx
      .select({ id: deploymentTargetClaims.id })
      .from(deploymentTargetClaims)
      .where(eq(deploymentTargetClaims.targetId, id));
    const phase = readyTargetPhase(row.phase, claims.length > 0);
    const message =
      phase === "Released"
        ? "Released by its claim; the namespace is kept (reclaim policy Retain)."
        : `Namespace ${row.namespace} and its ServiceAccount are in place.`;
    const status = nextStatus(
      row.status,
      row.generation,
      { ready: true, reason: phase, message },
      deps.now(),
    );
    const unchanged =
      !token &&
      phase === row.phase &&
      serviceAccount === row.serviceAccount &&
      sameConditions(row.status, status);
    if (unchanged) return;
    await tx
      .update(deploymentTargets)
      .set({
        phase,
        serviceAccount,
        ...(token
          ? {
              credentials: token.sealed,
              credentialsKeyId: token.keyId,
              tokenExpiresAt: token.expiresAt,
            }
          : {}),
        status,
        updatedAt: sql`now()`,
      })
      .where(eq(deploymentTargets.id, id));
    if (phase !== row.phase) {
      await requestReconcile(
        tx,
        claims.map((c) => reconcileKey("claim", c.id)),
      );
    }
  });
}
