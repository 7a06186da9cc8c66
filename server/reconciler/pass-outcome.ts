// Ending a pass: write its status and an event (both skipped when nothing changed), and tell the
// queue what next. Errors retrying can fix are retried with backoff; the rest become Stalled and
// wait for a change (or the periodic resync) instead of looping.
import type { SQL } from "drizzle-orm";
import type { TReconcileStatus } from "@/lib/conditions";
import type { TReconcileContext, TReconcileResult } from "./controller";
import { recordReconcileEvent } from "./events";
import { dependentsToWake } from "./wake-dependents";
import { explainKubernetesError } from "@/server/k8s/explain-error";
import {
  nextStatus,
  statusChanged,
  statusUpdate,
  type TExtraCondition,
  type TPassOutcome,
  type TStatusTableKind,
} from "./status";

export interface TStatusRow {
  kind: TStatusTableKind;
  id: string;
  generation: number;
  status: TReconcileStatus;
  /**
   * Writes the pass made that go out with its status and event, in the same statement (the
   * objects it recorded, managed-objects.ts): one round trip to the database per pass, not two.
   */
  alongside?: readonly SQL[];
}

export async function finishPass(
  ctx: TReconcileContext,
  row: TStatusRow,
  outcome: TPassOutcome,
  result: TReconcileResult,
  extra: readonly TExtraCondition[] = [],
): Promise<TReconcileResult> {
  const status = nextStatus(row.status, row.generation, outcome, ctx.now(), extra);
  // Only a changed status is written, so a converged, idle reconciler writes nothing.
  const changed = statusChanged(row.status, status);
  // Rare (readiness changed): dependents are woken by the statement that writes the status.
  const wake = changed ? dependentsToWake(row.kind, row.generation, row.status, status) : undefined;
  const write = changed ? statusUpdate(row.kind, row.id, status, wake?.(row.id)) : undefined;
  const warning = outcome.kind === "failed" || outcome.kind === "stalled";
  const event = {
    type: warning ? ("Warning" as const) : ("Normal" as const),
    reason: outcome.reason,
    message: outcome.message,
  };
  const alongside = [...(write ? [write] : []), ...(row.alongside ?? [])];
  await recordReconcileEvent(ctx.db, `${row.kind}/${row.id}`, event, alongside);
  return result;
}

/** A pass that threw: explained in plain words, retried when retrying can help. */
export function failPass(
  ctx: TReconcileContext,
  row: TStatusRow,
  error: unknown,
  prefix = "",
): Promise<TReconcileResult> {
  const explained = explainKubernetesError(error);
  const message = prefix + explained.message;
  if (!explained.retryable) {
    ctx.log.warn({ err: error, reason: explained.reason }, "reconcile stalled");
    return finishPass(
      ctx,
      row,
      { kind: "stalled", reason: explained.reason, message },
      { kind: "done" },
    );
  }
  const retryAfterMs = (explained.retryAfterSeconds ?? 0) * 1000;
  const nextRetryAt = ctx.retryAt(retryAfterMs);
  return finishPass(
    ctx,
    row,
    { kind: "failed", reason: explained.reason, message, nextRetryAt },
    { kind: "error", error, retryAfterMs },
  );
}
