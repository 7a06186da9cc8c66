// A binding's pass carries its active sync runs one step further (see sync-run-step.ts): it
// writes, withdraws or terminates the Application's operation, then records what changed in one
// transaction — an idle pass writes nothing. The operation is written by server-side apply with a
// field manager of its own, so the binding's apply (manager "slipway", which never sets
// `operation`) neither removes it nor conflicts with it. Withdrawing and terminating are merge
// patches guarded by the resourceVersion the pass saw: if Argo CD moved meanwhile, the patch is
// refused (409) and the next pass decides again from what Argo CD did.
import {
  PatchStrategy,
  type KubernetesObject,
  type KubernetesObjectApi,
} from "@kubernetes/client-node";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import type { TClusterClient } from "@/server/k8s/client-pool";
import { retryOnStaleConnection } from "@/server/k8s/stale-connection";
import type { TPassSyncRun } from "./load-binding-for-pass";
import {
  REFRESH_ANNOTATION,
  SYNC_RUN_INFO,
  syncRunStep,
  type TObservedApplication,
  type TSyncRunColumns,
} from "./sync-run-step";

export const SYNC_RUN_FIELD_MANAGER = "slipway-sync-run";

type TApplicationRef = { apiVersion?: string; kind?: string; name: string; namespace: string };

/** The run's columns its operation carries. */
type TOperationRun = Pick<TPassSyncRun, "id" | "revisionId" | "requestedByLabel">;

/** What the sync-run manager applies: the operation and a refresh. */
export function operationApply(app: TApplicationRef, run: TOperationRun): KubernetesObject {
  return {
    apiVersion: app.apiVersion,
    kind: app.kind,
    metadata: {
      name: app.name,
      namespace: app.namespace,
      annotations: { [REFRESH_ANNOTATION]: "normal" },
    },
    // No `sync.resources`: a selective list would go stale; the run syncs the whole Application.
    operation: {
      sync: { revision: run.revisionId },
      initiatedBy: { username: run.requestedByLabel },
      info: [{ name: SYNC_RUN_INFO, value: run.id }],
    },
  } as KubernetesObject;
}

interface TActOptions {
  /** How a request is sent: the reconciler retries a stale keep-alive connection once. */
  send?: <T>(request: () => Promise<T>) => Promise<T>;
  /** Ask the API server to check the request, RBAC included, and persist nothing. */
  dryRun?: boolean;
}

/**
 * Carries out one step on the Application as the pass saw it. Shared with "Sync now" and "Cancel"
 * run as the person (services/sync-runs/sync-run-as-user.ts), so what they write (or dry-run) is
 * byte for byte what the pass would.
 */
export async function actOnApplication(
  objects: KubernetesObjectApi,
  app: KubernetesObject,
  run: TOperationRun,
  action: "write" | "withdraw" | "terminate",
  { send = (request) => request(), dryRun = false }: TActOptions = {},
): Promise<void> {
  const dryRunParameter = dryRun ? "All" : undefined;
  const ref: TApplicationRef = {
    apiVersion: app.apiVersion,
    kind: app.kind,
    name: app.metadata?.name ?? "",
    namespace: app.metadata?.namespace ?? "",
  };
  if (action === "write") {
    await send(() =>
      objects.patch(
        operationApply(ref, run),
        undefined,
        dryRunParameter,
        SYNC_RUN_FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      ),
    );
    return;
  }
  const guarded = {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      resourceVersion: app.metadata?.resourceVersion,
      ...(action === "withdraw" ? { annotations: { [REFRESH_ANNOTATION]: null } } : {}),
    },
    // Argo CD's terminate-op sets the phase; the Application has no status subresource.
    ...(action === "withdraw"
      ? { operation: null }
      : { status: { operationState: { phase: "Terminating" } } }),
  };
  await send(() =>
    objects.patch(
      guarded as KubernetesObject,
      undefined,
      dryRunParameter,
      SYNC_RUN_FIELD_MANAGER,
      undefined,
      PatchStrategy.MergePatch,
    ),
  );
}

const time = (value: string | null) => (value ? new Date(value).getTime() : null);
const same = (a: TSyncRunColumns, b: TSyncRunColumns) =>
  a.state === b.state &&
  a.message === b.message &&
  a.operationPhase === b.operationPhase &&
  time(a.startedAt) === time(b.startedAt) &&
  time(a.finishedAt) === time(b.finishedAt);

/**
 * Steps each active run whose deployment's Application was applied this pass (`applications`
 * by component). A run whose Application was not applied waits for a later pass.
 */
export async function advanceSyncRuns(
  db: Db,
  client: TClusterClient,
  runs: readonly TPassSyncRun[],
  applications: ReadonlyMap<string, KubernetesObject>,
): Promise<void> {
  const now = new Date().toISOString();
  const changed: { id: string; next: TSyncRunColumns }[] = [];
  for (const run of runs) {
    const app = applications.get(run.componentName);
    if (!app) continue;
    const step = syncRunStep(run, app as TObservedApplication, now);
    if (step.action !== "none")
      await actOnApplication(client.objects, app, run, step.action, {
        send: (request) => retryOnStaleConnection(client, request),
      });
    if (!same(run, step.next)) changed.push({ id: run.id, next: step.next });
  }
  if (changed.length === 0) return;
  await db.transaction(async (tx) => {
    for (const { id, next } of changed) {
      await tx
        .update(syncRuns)
        .set({
          ...next,
          startedAt: next.startedAt ? new Date(next.startedAt) : null,
          finishedAt: next.finishedAt ? new Date(next.finishedAt) : null,
          updatedAt: sql`now()`,
        })
        .where(eq(syncRuns.id, id));
    }
  });
}
