// The status a reconcile pass leaves on its row: Ready / Reconciling / Stalled conditions (kstatus
// and Kargo's shape), the last error and the next retry. Written on every pass, even a failed one,
// but only when it differs from what is stored, so a converged, idle reconciler writes nothing.
import { sql, type SQL } from "drizzle-orm";
import {
  clusters,
  deploymentTargetClaims,
  deploymentTargets,
  environments,
  environmentWorkspaces,
  snapshotEnvironmentBindings,
} from "@/db/schema";
import { setCondition, type TCondition, type TReconcileStatus } from "@/lib/conditions";

/** A condition a reconciler sets beside Ready / Reconciling / Stalled (a binding's roll-up). */
export type TExtraCondition = Omit<TCondition, "lastTransitionTime" | "observedGeneration">;

export type TPassOutcome =
  /** Everything the row asks for exists on the cluster. */
  | { kind: "ready"; reason: string; message: string }
  /** Work under way that the next pass continues (e.g. a namespace still terminating). */
  | { kind: "progressing"; reason: string; message: string }
  /** Failed; retried at nextRetryAt. */
  | { kind: "failed"; reason: string; message: string; nextRetryAt: Date }
  /** Retrying cannot fix it: someone must change something. No retry until the row or cluster changes. */
  | { kind: "stalled"; reason: string; message: string };

export function nextStatus(
  previous: TReconcileStatus,
  generation: number,
  outcome: TPassOutcome,
  now: Date,
  extra: readonly TExtraCondition[] = [],
): TReconcileStatus {
  const { reason, message } = outcome;
  const condition = (
    type: "Ready" | "Reconciling" | "Stalled",
    status: "True" | "False",
    why = reason,
    text = message,
  ) => ({ type, status, reason: why, message: text, observedGeneration: generation });
  const ready = outcome.kind === "ready";
  let conditions = setCondition(
    previous.conditions,
    condition("Ready", ready ? "True" : "False"),
    now,
  );
  conditions = setCondition(
    conditions,
    outcome.kind === "progressing" || outcome.kind === "failed"
      ? condition("Reconciling", "True")
      : condition("Reconciling", "False", ready ? reason : "Stalled", ready ? "" : message),
    now,
  );
  conditions = setCondition(
    conditions,
    outcome.kind === "stalled"
      ? condition("Stalled", "True")
      : condition("Stalled", "False", ready ? reason : "Retrying", ""),
    now,
  );
  for (const condition of extra) {
    conditions = setCondition(conditions, { ...condition, observedGeneration: generation }, now);
  }
  const failed = outcome.kind === "failed" || outcome.kind === "stalled";
  const next: TReconcileStatus = { conditions, observedGeneration: generation };
  if (failed) next.lastError = message;
  if (outcome.kind === "failed") next.nextRetryAt = outcome.nextRetryAt.toISOString();
  // lastReconciledAt moves only with a change, or an idle pass would write every time.
  next.lastReconciledAt = statusChanged(previous, next)
    ? now.toISOString()
    : previous.lastReconciledAt;
  return next;
}

/** JSON with sorted keys: a status read back from jsonb has its keys in another order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Whether two statuses differ in anything but lastReconciledAt. */
export function statusChanged(a: TReconcileStatus, b: TReconcileStatus): boolean {
  const strip = ({ lastReconciledAt: _at, ...rest }: TReconcileStatus) => canonical(rest);
  return strip(a) !== strip(b);
}

const STATUS_TABLES = {
  cluster: clusters,
  environment: environments,
  workspace: environmentWorkspaces,
  target: deploymentTargets,
  claim: deploymentTargetClaims,
  binding: snapshotEnvironmentBindings,
};
export type TStatusTableKind = keyof typeof STATUS_TABLES;

/**
 * The statement that stores a row's status (see finishPass, which runs it with its event);
 * `returning` is evaluated for the updated row, in the same statement (a wake-up of dependents).
 */
export function statusUpdate(
  kind: TStatusTableKind,
  id: string,
  next: TReconcileStatus,
  returning?: SQL,
): SQL {
  // The tables share the reconciled() columns; TypeScript cannot see that through the union.
  const table = STATUS_TABLES[kind] as typeof environments;
  return sql`update ${table} set status = ${JSON.stringify(next)}::jsonb where id = ${id}
    ${returning ? sql`returning ${returning}` : sql``}`;
}
