// The status every reconciled thing (cluster, environment, workspace, deployment target, claim)
// carries, in the shape Kubernetes and Kargo use: conditions with a PascalCase reason, a message
// for people, the generation they describe and when they last changed.

// AllComponentsDeployed: a binding's roll-up of its components' Argo CD sync and health.
export const CONDITION_TYPES = [
  "Ready",
  "Reconciling",
  "Stalled",
  "AllComponentsDeployed",
] as const;
export type TConditionType = (typeof CONDITION_TYPES)[number];
export type TConditionStatus = "True" | "False" | "Unknown";

export interface TCondition {
  type: TConditionType;
  status: TConditionStatus;
  /** PascalCase, machine-readable: "Applied", "ApplyFailed", "ClusterUnreachable". */
  reason: string;
  /** Plain words for people: "certificate signed by unknown authority". */
  message: string;
  observedGeneration: number;
  /** ISO 8601; changes only when `status` changes. */
  lastTransitionTime: string;
}

/** The status column of a reconciled row. Written by the reconciler on every pass, even a failed one. */
export interface TReconcileStatus {
  conditions: TCondition[];
  /** The row's generation the last completed pass worked from. */
  observedGeneration: number;
  /** The last error in plain words; cleared by a successful pass. */
  lastError?: string;
  /** ISO 8601: when the reconciler will try again after a failure. */
  nextRetryAt?: string;
  /** ISO 8601: the end of the last pass, successful or not. */
  lastReconciledAt?: string;
}

export const EMPTY_STATUS: TReconcileStatus = { conditions: [], observedGeneration: 0 };

export function findCondition(
  status: TReconcileStatus | null | undefined,
  type: TConditionType,
): TCondition | undefined {
  return status?.conditions.find((c) => c.type === type);
}

/** Ready only when the Ready condition is True for the current generation. */
export function isReady(status: TReconcileStatus | null | undefined, generation: number): boolean {
  const ready = findCondition(status, "Ready");
  return ready?.status === "True" && ready.observedGeneration === generation;
}

/**
 * Sets a condition, keeping lastTransitionTime when the status did not change (as
 * apimachinery's meta.SetStatusCondition does). Returns a new list.
 */
export function setCondition(
  conditions: readonly TCondition[],
  next: Omit<TCondition, "lastTransitionTime">,
  now: Date,
): TCondition[] {
  const previous = conditions.find((c) => c.type === next.type);
  const lastTransitionTime =
    previous && previous.status === next.status ? previous.lastTransitionTime : now.toISOString();
  return [...conditions.filter((c) => c.type !== next.type), { ...next, lastTransitionTime }].sort(
    (a, b) => CONDITION_TYPES.indexOf(a.type) - CONDITION_TYPES.indexOf(b.type),
  );
}
