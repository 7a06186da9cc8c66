// Reconciles one deployment target (key target/<id>): its namespace, quota, ServiceAccount and
// RoleBinding on the class's cluster, and a TokenRequest token for the ServiceAccount, sealed in
// the row and refreshed before it expires. Then its phase: Available, or Bound when a claim holds
// it. A refusal no retry can fix (403, invalid) makes it Failed, for an administrator to look at.
import { eq, sql } from "drizzle-orm";
import { deploymentTargetClaims, deploymentTargets } from "@/db/schema";
import { readyTargetPhase } from "@/server/services/deployment-targets/phases";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import type { TReconcileOutcome, TTargetReconcileDeps } from "./deployment-target-deps";
import { nextStatus } from "./deployment-target-status";
import { finalizeTarget } from "./finalize-target";
import {
  loadTargetForReconcile,
  TARGET_SERVICE_ACCOUNT,
  type TTargetForReconcile,
} from "./load-target-for-reconcile";

export const TOKEN_LIFETIME_SECONDS = 3600;
/** A token is renewed this long before it expires, so a consumer never holds an expired one. */
export const TOKEN_REFRESH_BEFORE_MS = 15 * 60_000;

export async function reconcileTarget(
  deps: TTargetReconcileDeps,
  id: string,
): Promise<TReconcileOutcome> {
  const target = await loadTargetForReconcile(deps.db, id);
  if (!target) return {};
  const client = await deps.clientFor(target.clusterId);
  const serviceAccount = target.serviceAccount ?? TARGET_SERVICE_ACCOUNT;
  const objects = deps.buildTargetObjects({
    targetId: target.id,
    namespace: target.namespace,
    serviceAccount,
    quota: target.quota,
  });
  if (target.deletionRequestedAt) return finalizeTarget(deps, target, client, objects);
  if (target.phase === "Failed") return {};

  const failed = (await deps.applyObjects(client, objects)).find((outcome) => outcome.error);
  if (failed) {
    if (deps.isRetryable(failed.error)) throw failed.error;
    await markFailed(deps, target, failed.desired.kind, failed.error);
    return {};
  }

  const now = deps.now();
  let token: { sealed: string; keyId: string; expiresAt: Date } | null = null;
  if (
    !target.credentials ||
    !target.tokenExpiresAt ||
    refreshAt(target.tokenExpiresAt) <= now.getTime()
  ) {
    const issued = await deps.requestServiceAccountToken(client, {
      namespace: target.namespace,
      serviceAccount,
      expirationSeconds: TOKEN_LIFETIME_SECONDS,
    });
    token = { ...deps.sealSecret(issued.token), expiresAt: issued.expiresAt };
  }
  const expiresAt = token?.expiresAt ?? target.tokenExpiresAt!;
  await markReady(deps, target.id, serviceAccount, token);
  return { requeueAfterMs: Math.max(0, refreshAt(expiresAt) - now.getTime()) };
}

const refreshAt = (expiresAt: Date) => expiresAt.getTime() - TOKEN_REFRESH_BEFORE_MS;

async function markReady(
  deps: TTargetReconcileDeps,
  id: string,
  serviceAccount: string,
  token: { sealed: string; keyId: string; expiresAt: Date } | null,
) {
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
        status: nextStatus(
          row.status,
          row.generation,
          { ready: true, reason: phase, message },
          deps.now(),
        ),
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

async function markFailed(
  deps: TTargetReconcileDeps,
  target: TTargetForReconcile,
  kind: string | undefined,
  error: unknown,
) {
  const message = `Could not create the ${kind ?? "objects"} in ${target.namespace}: ${
    error instanceof Error ? error.message : String(error)
  }`;
  await deps.db.transaction(async (tx) => {
    await tx
      .update(deploymentTargets)
      .set({
        phase: "Failed",
        status: nextStatus(
          target.status,
          target.generation,
          { ready: false, waiting: false, reason: "ProvisioningFailed", message },
          deps.now(),
        ),
        updatedAt: sql`now()`,
      })
      .where(eq(deploymentTargets.id, target.id));
    await requestReconcile(
      tx,
      target.claimIds.map((id) => reconcileKey("claim", id)),
    );
  });
}
