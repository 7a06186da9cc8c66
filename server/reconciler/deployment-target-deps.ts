// What reconcileTarget and reconcileClaim need from the rest of Slipway, injected so the
// reconciler (H3) registers them with its own pool, apply helpers and clock, and tests hand them
// a test server's client directly.
import type { KubeConfig, KubernetesObject, KubernetesObjectApi } from "@kubernetes/client-node";
import type { Db } from "@/db/client";
import type { TQuotaQuantities } from "@/db/schema";

/**
 * STAND-IN for H3's outcome type: what a reconcile asks of the work queue. Nothing to do until
 * something changes, or come back after a while (a namespace still terminating, a token to
 * refresh). Failures are thrown; the controller retries them with backoff.
 */
export type TReconcileOutcome = { requeueAfterMs?: number };

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
  /** Deletes the objects; `remaining` counts those still there (a namespace terminating). */
  deleteObjects: (
    client: TTargetClusterClient,
    objects: KubernetesObject[],
  ) => Promise<{ remaining: number }>;
  /** TokenRequest for the ServiceAccount. */
  requestServiceAccountToken: (
    client: TTargetClusterClient,
    input: { namespace: string; serviceAccount: string; expirationSeconds: number },
  ) => Promise<{ token: string; expiresAt: Date }>;
  sealSecret: (plaintext: string) => { sealed: string; keyId: string };
  /** Whether a failed call is worth retrying (429, 5xx, unreachable) or final (403, 422…). */
  isRetryable: (error: unknown) => boolean;
  now: () => Date;
}
