// The status a deployment target or claim reconcile writes: Ready, Reconciling and Stalled
// conditions for the row's generation, in the shape lib/conditions.ts describes.
import { setCondition, type TReconcileStatus } from "@/lib/conditions";

export type TStatusVerdict =
  | { ready: true; reason: string; message: string }
  | { ready: false; waiting: true; reason: string; message: string }
  | { ready: false; waiting: false; reason: string; message: string };

/** Ready, still working (Reconciling), or stuck until someone acts (Stalled). */
export function nextStatus(
  previous: TReconcileStatus,
  generation: number,
  verdict: TStatusVerdict,
  now: Date,
): TReconcileStatus {
  const base = { reason: verdict.reason, message: verdict.message, observedGeneration: generation };
  const waiting = !verdict.ready && verdict.waiting;
  const stalled = !verdict.ready && !verdict.waiting;
  let conditions = setCondition(
    previous.conditions,
    { type: "Ready", status: verdict.ready ? "True" : "False", ...base },
    now,
  );
  conditions = setCondition(
    conditions,
    { type: "Reconciling", status: waiting ? "True" : "False", ...base },
    now,
  );
  conditions = setCondition(
    conditions,
    { type: "Stalled", status: stalled ? "True" : "False", ...base },
    now,
  );
  return {
    conditions,
    observedGeneration: generation,
    ...(stalled ? { lastError: verdict.message } : {}),
    lastReconciledAt: now.toISOString(),
  };
}

/**
 * Whether two statuses say the same (conditions and generation), whenever they were written.
 * Field by field: jsonb does not keep an object's key order.
 */
export function sameConditions(a: TReconcileStatus, b: TReconcileStatus): boolean {
  const key = (s: TReconcileStatus) =>
    s.conditions.map((c) =>
      [c.type, c.status, c.reason, c.message, c.observedGeneration, c.lastTransitionTime].join("|"),
    );
  return (
    a.observedGeneration === b.observedGeneration &&
    a.lastError === b.lastError &&
    key(a).join("\n") === key(b).join("\n")
  );
}
