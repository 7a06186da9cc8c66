// What Slipway copies from an Argo CD Application's status (as Argo CD's controller writes it) into
// its GitOps deployment row: sync status and revision, health, per-resource status, conditions,
// the last operation and when it finished.
import type {
  TArgoCondition,
  TArgoOperationSummary,
  TArgoResourceStatus,
} from "@/db/schema/gitops";

export interface TArgoStatusColumns {
  syncStatus: string | null;
  healthStatus: string | null;
  revision: string | null;
  /** status.summary.images: what Argo CD sees the Application's resources running. */
  images: string[];
  resources: TArgoResourceStatus[];
  conditions: TArgoCondition[];
  operationState: TArgoOperationSummary | null;
  lastSyncedAt: string | null;
}

interface TArgoStatus {
  sync?: { status?: string; revision?: string };
  health?: { status?: string };
  summary?: { images?: string[] };
  resources?: (TArgoResourceStatus & { health?: { status?: string } })[];
  conditions?: TArgoCondition[];
  operationState?: {
    phase?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
    syncResult?: { revision?: string };
    operation?: { initiatedBy?: { username?: string; automated?: boolean } };
  };
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;

export function argoStatusColumns(status: unknown): TArgoStatusColumns {
  const s = (status ?? {}) as TArgoStatus;
  const operation = s.operationState;
  const initiatedBy = operation?.operation?.initiatedBy;
  return {
    syncStatus: s.sync?.status ?? null,
    healthStatus: s.health?.status ?? null,
    revision: s.sync?.revision ?? null,
    images: [...(s.summary?.images ?? [])].sort(),
    resources: (s.resources ?? []).map((r) =>
      defined({
        group: r.group,
        version: r.version,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        status: r.status,
        health: r.health?.status,
      }),
    ),
    conditions: (s.conditions ?? []).map((c) =>
      defined({ type: c.type, message: c.message, lastTransitionTime: c.lastTransitionTime }),
    ),
    operationState: operation?.phase
      ? defined({
          phase: operation.phase,
          message: operation.message,
          startedAt: operation.startedAt,
          finishedAt: operation.finishedAt,
          revision: operation.syncResult?.revision,
          initiatedBy: initiatedBy?.automated ? "automated" : initiatedBy?.username,
        })
      : null,
    lastSyncedAt: operation?.finishedAt ?? null,
  };
}

/** Deployed: Argo CD says the live state matches Git (Synced) and it is Healthy. */
export function isDeployed(columns: Pick<TArgoStatusColumns, "syncStatus" | "healthStatus">) {
  return columns.syncStatus === "Synced" && columns.healthStatus === "Healthy";
}
