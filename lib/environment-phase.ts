// One word for a reconciled row's state, from its conditions (lib/conditions.ts): what list badges
// show. Ready only when the Ready condition is True for the current generation, so a change the
// cluster has not caught up with never reads as Ready.
import { findCondition, isReady, type TReconcileStatus } from "./conditions";

export type TPhase = "Ready" | "Reconciling" | "Failed" | "Deleting" | "Pending";

export interface TPhaseView {
  phase: TPhase;
  /** The last error in plain words, for Failed. */
  message?: string;
  /** ISO 8601: when the reconciler tries again, for Failed. */
  nextRetryAt?: string;
}

export function phaseOf(row: {
  status: TReconcileStatus;
  generation: number;
  deletionRequestedAt: Date | null;
}): TPhaseView {
  if (row.deletionRequestedAt) return { phase: "Deleting" };
  if (isReady(row.status, row.generation)) return { phase: "Ready" };
  const stalled = findCondition(row.status, "Stalled");
  const ready = findCondition(row.status, "Ready");
  // Ready=False while Reconciling=True is progress, not failure (kstatus).
  const progressing = findCondition(row.status, "Reconciling")?.status === "True";
  const failed =
    row.status.lastError !== undefined ||
    stalled?.status === "True" ||
    (ready?.status === "False" && !progressing);
  if (failed) {
    return {
      phase: "Failed",
      message: row.status.lastError ?? stalled?.message ?? ready?.message,
      nextRetryAt: row.status.nextRetryAt,
    };
  }
  if (row.status.conditions.length === 0) return { phase: "Pending" };
  return { phase: "Reconciling" };
}
