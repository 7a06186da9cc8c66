// Reconciles one deployment target (key target/<id>): its namespace, quota, ServiceAccount and
// RoleBinding on the class's cluster, and a TokenRequest token for the ServiceAccount, sealed in
// the row and renewed before it expires. Then its phase: Available, or Bound when a claim holds
// it. A refusal no retry can fix (403, invalid) makes it Failed, for an administrator to look at.
import { eq, sql } from "drizzle-orm";
import { deploymentTargets } from "@/db/schema";
import type { TReconcileStatus } from "@/lib/conditions";
import { sealSecret } from "@/server/crypto/secret-box";
import { applyObjects } from "@/server/k8s/apply";
import {
  buildTargetObjects,
  DEPLOYER_SERVICE_ACCOUNT,
} from "@/server/k8s/manifests/target-objects";
import { requestServiceAccountToken } from "@/server/k8s/token-request";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import { DONE, type TReconcileResult } from "./controller";
import type { TTargetReconcileDeps } from "./deployment-target-deps";
import { nextStatus, type TStatusVerdict } from "./deployment-target-status";
import { finalizeTarget } from "./finalize-target";
import { loadTargetForReconcile, type TTargetForReconcile } from "./load-target-for-reconcile";
import { markTargetReady, type TSealedToken } from "./mark-target-ready";
import { classifyApplyFailure } from "./target-apply-failure";

export const TOKEN_LIFETIME_SECONDS = 3600;
/** A token is renewed this long before it expires, so a consumer never holds an expired one. */
export const TOKEN_REFRESH_BEFORE_MS = 15 * 60_000;

export async function reconcileTarget(
  deps: TTargetReconcileDeps,
  id: string,
): Promise<TReconcileResult> {
  const target = await loadTargetForReconcile(deps.db, id);
  if (!target) return DONE;
  const client = await deps.clientFor(target.clusterId);
  if (target.deletionRequestedAt) return finalizeTarget(deps, target, client);
  if (target.phase === "Failed") return DONE;

  const serviceAccount = DEPLOYER_SERVICE_ACCOUNT;
  const objects = buildTargetObjects({
    targetId: target.id,
    namespace: target.namespace,
    quota: target.quota,
  });
  const failed = (await applyObjects(client, objects)).find((outcome) => outcome.error);
  if (failed?.error) {
    const failure = classifyApplyFailure(failed.error);
    const message = `Could not apply the ${failed.desired.kind ?? "objects"} in ${target.namespace}: ${failure.message}`;
    // A failed apply never leaves the target looking Ready.
    await writeFailure(deps, target, failure.retryable, message);
    if (!failure.retryable) return DONE;
    return { kind: "error", error: failed.error, retryAfterMs: failure.retryAfterMs };
  }

  const now = deps.now();
  const renewAt = target.tokenExpiresAt ? refreshAt(target.tokenExpiresAt) : 0;
  let token: TSealedToken | null = null;
  if (!target.credentials || renewAt <= now.getTime()) {
    const issued = await requestServiceAccountToken(
      client,
      target.namespace,
      serviceAccount,
      TOKEN_LIFETIME_SECONDS,
    );
    token = { ...sealSecret(issued.token), expiresAt: issued.expiresAt };
  }
  await markTargetReady(deps, target.id, serviceAccount, token);
  const expiresAt = token?.expiresAt ?? target.tokenExpiresAt!;
  return { kind: "requeueAfter", ms: Math.max(0, refreshAt(expiresAt) - now.getTime()) };
}

const refreshAt = (expiresAt: Date) => expiresAt.getTime() - TOKEN_REFRESH_BEFORE_MS;

/** Retryable: Ready False while it retries. Not: Failed, and its claim hears of it. */
async function writeFailure(
  deps: TTargetReconcileDeps,
  target: TTargetForReconcile,
  retryable: boolean,
  message: string,
) {
  const verdict: TStatusVerdict = retryable
    ? { ready: false, waiting: true, reason: "ApplyFailed", message }
    : { ready: false, waiting: false, reason: "ProvisioningFailed", message };
  const status: TReconcileStatus = {
    ...nextStatus(target.status, target.generation, verdict, deps.now()),
    lastError: message,
  };
  await deps.db.transaction(async (tx) => {
    await tx
      .update(deploymentTargets)
      .set({ ...(retryable ? {} : { phase: "Failed" as const }), status, updatedAt: sql`now()` })
      .where(eq(deploymentTargets.id, target.id));
    if (!retryable) {
      await requestReconcile(
        tx,
        target.claimIds.map((id) => reconcileKey("claim", id)),
      );
    }
  });
}
