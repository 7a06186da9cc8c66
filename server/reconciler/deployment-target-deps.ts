// What reconcileTarget and reconcileClaim need from the rest of Slipway, injected so the
// reconciler (H3) registers them with its own pool, apply helpers and clock, and tests hand them
// a test server's client directly.
import type { KubeConfig, KubernetesObject, KubernetesObjectApi } from "@kubernetes/client-node";
import type { Db } from "@/db/client";
import type { TQuotaQuantities } from "@/db/schema";

/**
 * What a pass asks of the work queue: the same shape as the reconciler's TReconcileResult
 * (server/reconciler/controller.ts on the reconciler branch; import it from there once merged).
 * Done until something changes; come back after `ms` (a namespace terminating, a token to renew);
 * or failed, retried with backoff. An error thrown (a cluster that cannot be reached) is a failure.
 */
export type TReconcileOutcome =
  | { kind: "done" }
  | { kind: "requeueAfter"; ms: number }
  | { kind: "error"; error: unknown; retryAfterMs?: number };

export const DONE: TReconcileOutcome = { kind: "done" };

/** STAND-IN for H2's TClusterClient: what these reconcilers use of it. */
export interface TTargetClusterClient {
  objects: KubernetesObjectApi;
  kubeConfig: KubeConfig;
}

export interface TTargetObjectsInput {
  targetId: string;
  namespace: string;
  serviceAccount: string;
  quota: TQuotaQuantities;
}

export interface TApplyOutcome {
  desired: KubernetesObject;
  error?: unknown;
}

export interface TTargetReconcileDeps {
  db: Db;
  /** A (pooled) client for the cluster; throws when the cluster row or its credentials are gone. */
  clientFor: (clusterId: string) => Promise<TTargetClusterClient>;
  /** Namespace, ResourceQuota, ServiceAccount and its RoleBinding to `admin`, owner-labelled. */
  buildTargetObjects: (input: TTargetObjectsInput) => KubernetesObject[];
  /** Server-side apply under Slipway's field manager, one outcome per object. */
  applyObjects: (
    client: TTargetClusterClient,
    objects: KubernetesObject[],
  ) => Promise<TApplyOutcome[]>;
  /**
   * Deletes the objects; `remaining` counts those still there (a namespace terminating). With
   * server/k8s: deleteOwnedObjects(client, {kind: "target", id}, kinds of the objects given).
   */
  deleteObjects: (
    client: TTargetClusterClient,
    objects: KubernetesObject[],
  ) => Promise<{ remaining: number }>;
  /** TokenRequest for the ServiceAccount (server/k8s/token-request.ts's signature). */
  requestServiceAccountToken: (
    client: TTargetClusterClient,
    namespace: string,
    serviceAccount: string,
    expirationSeconds: number,
  ) => Promise<{ token: string; expiresAt: Date }>;
  sealSecret: (plaintext: string) => { sealed: string; keyId: string };
  /** Whether a failed call is worth retrying (429, 5xx, unreachable) or final (403, 422…). */
  isRetryable: (error: unknown) => boolean;
  now: () => Date;
}
