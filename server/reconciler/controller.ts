// The shape every reconciler has (Kargo's: load → not found is a no-op → deletion → reconcile →
// always write status), and the context the manager hands it. Side effects come in through the
// context so tests can pass plain fakes.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { Logger } from "pino";
import type { Db } from "@/db/client";
import type { TReconcileKey, TReconcileKind } from "@/server/services/reconcile/request-reconcile";
import type { ClusterClientPool } from "@/server/k8s/client-pool";

export type TReconcileResult =
  | { kind: "done" }
  | { kind: "requeueAfter"; ms: number }
  /** Retried with backoff, never sooner than retryAfterMs (a 429's Retry-After). */
  | { kind: "error"; error: unknown; retryAfterMs?: number };

export const DONE: TReconcileResult = { kind: "done" };

export interface TReconcileContext {
  db: Db;
  log: Logger;
  /** The row's id (the part of the key after the kind). */
  id: string;
  /** This worker, as lease holder. */
  holder: string;
  pool: ClusterClientPool;
  now(): Date;
  /**
   * When this key will be retried if the pass fails, fixed before the pass returns so its status
   * can show it (nextRetryAt). At least `minimumMs`.
   */
  retryAt(minimumMs?: number): Date;
  /**
   * What this worker's watches see of an owner's objects on a cluster (identity → the object without
   * status, in the wire shape), or null when they cannot say (no informer, not synced, a watch down): then apply regardless.
   */
  observed(
    clusterId: string,
    ownerKey: TReconcileKey,
  ): ReadonlyMap<string, KubernetesObject> | null;
  /**
   * About to apply `desired` (in the wire shape) for an owner (null: the pass failed or the owner is going away): the
   * watch then treats events that still match what was applied as this pass's own echo.
   */
  expectApplied(
    clusterId: string,
    ownerKey: TReconcileKey,
    desired: readonly KubernetesObject[] | null,
  ): void;
  /**
   * For reconcilers without `clusterOf`: takes (or confirms) this worker's lease on the cluster the
   * pass's row names. False means another worker holds it and does this key: end the pass at once.
   */
  holdCluster(clusterId: string): Promise<boolean>;
  /** Ask for another key to be reconciled (e.g. an environment's workspaces). */
  enqueue(key: TReconcileKey): void;
}

export interface Reconciler {
  kind: TReconcileKind;
  reconcile(key: TReconcileKey, ctx: TReconcileContext): Promise<TReconcileResult>;
  /** Every key of this kind that exists, for the initial enqueue and the periodic resync. */
  listKeys(db: Db): Promise<TReconcileKey[]>;
  /**
   * The cluster whose lease the key needs; null when it needs none (yet). A reconciler that reads
   * its cluster with its row leaves this out and calls `ctx.holdCluster` itself before it touches
   * the cluster or writes anything, saving a read per pass.
   */
  clusterOf?(db: Db, id: string): Promise<string | null>;
}
