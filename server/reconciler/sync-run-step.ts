// What a binding's pass does next for an active sync run, from the Application as the cluster
// holds it. Argo CD's protocol: a client sets the Application's `operation`; the controller copies
// it into `status.operationState` (phase Running), syncs, records the outcome (Succeeded, Failed,
// Error) and clears `operation`. Terminating is asked for by setting the phase to Terminating,
// after which the controller stops and reports Failed. A run recognises its own operation by an
// `info` entry carrying its id, so an older or someone else's operation is never taken for it.
// Pure.
import type { TPassSyncRun } from "./load-binding-for-pass";

export const SYNC_RUN_INFO = "slipway.dev/sync-run";
export const REFRESH_ANNOTATION = "argocd.argoproj.io/refresh";

interface TArgoOperation {
  info?: { name?: string; value?: string }[];
}

export interface TObservedApplication {
  operation?: TArgoOperation;
  status?: {
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      operation?: TArgoOperation;
    };
  };
}

export type TSyncRunAction =
  /** Set the Application's operation (and ask for a refresh). */
  | "write"
  /** Take the operation back before Argo CD started it. */
  | "withdraw"
  /** Ask Argo CD to stop the running operation. */
  | "terminate"
  | "none";

export type TSyncRunColumns = Pick<
  TPassSyncRun,
  "state" | "message" | "operationPhase" | "startedAt" | "finishedAt"
>;

export interface TSyncRunStep {
  action: TSyncRunAction;
  next: TSyncRunColumns;
}

export const WAITING_MESSAGE = "Waiting for Argo CD to start the sync.";

const carries = (operation: TArgoOperation | undefined, runId: string) =>
  operation?.info?.some((i) => i.name === SYNC_RUN_INFO && i.value === runId) ?? false;

export function syncRunStep(
  run: TPassSyncRun,
  application: TObservedApplication,
  now: string,
): TSyncRunStep {
  const cancelled = run.cancelRequestedAt !== null;
  const operationState = application.status?.operationState;
  if (operationState?.phase && carries(operationState.operation, run.id)) {
    const { phase } = operationState;
    const message = operationState.message ?? "";
    const startedAt = operationState.startedAt ?? run.startedAt ?? now;
    if (phase === "Running" || phase === "Terminating") {
      return {
        action: cancelled && phase === "Running" ? "terminate" : "none",
        next: { state: "Running", message, operationPhase: phase, startedAt, finishedAt: null },
      };
    }
    const state =
      phase === "Succeeded" ? "Succeeded" : cancelled ? "Terminated" : ("Failed" as const);
    return {
      action: "none",
      next: {
        state,
        message: message || `Argo CD reported ${phase}.`,
        operationPhase: phase,
        startedAt,
        finishedAt: operationState.finishedAt ?? now,
      },
    };
  }
  const handedOver = carries(application.operation, run.id);
  if (cancelled) {
    return {
      action: handedOver ? "withdraw" : "none",
      next: {
        state: "Terminated",
        message: "Cancelled before Argo CD started it.",
        operationPhase: null,
        startedAt: null,
        finishedAt: now,
      },
    };
  }
  const pending = (message: string): TSyncRunColumns => ({
    state: "Pending",
    message,
    operationPhase: null,
    startedAt: null,
    finishedAt: null,
  });
  if (!handedOver && application.operation) {
    // Argo CD runs one operation at a time and refuses another while one is set.
    return {
      action: "none",
      next: pending("Waiting: another operation is in progress on the Argo CD Application."),
    };
  }
  return { action: handedOver ? "none" : "write", next: pending(WAITING_MESSAGE) };
}
