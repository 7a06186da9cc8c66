// Writes a binding's GitOps deployment rows from what its pass applied: the Application as the
// cluster holds it (shown as YAML) and the status Argo CD reported on it. Only rows that changed
// are written, and rows of components no longer deployed are removed, in one transaction — an
// idle pass writes nothing.
import type { KubernetesObject } from "@kubernetes/client-node";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { gitopsDeployments } from "@/db/schema";
import type { TApplyResult } from "@/server/k8s/apply";
import { argoStatusColumns, type TArgoStatusColumns } from "./argo-application-status";
import type { TPassDeployment } from "./load-binding-for-pass";
import { observedObject } from "./managed-objects";
import type { TPlannedDeployment } from "./plan-binding";
import { canonical } from "./status";

type TInsert = typeof gitopsDeployments.$inferInsert;

export interface TRecordedDeployment extends TArgoStatusColumns {
  componentName: string;
}

/** The manifest people read: the applied object without status (that has its own columns). */
function manifestOf(object: KubernetesObject): Record<string, unknown> {
  const { status: _status, ...rest } = observedObject(object);
  return rest;
}

const comparable = (row: { lastSyncedAt?: Date | string | null } & Record<string, unknown>) =>
  canonical({
    ...row,
    lastSyncedAt: row.lastSyncedAt ? new Date(row.lastSyncedAt).getTime() : null,
  });

export async function recordDeployments(
  db: Db,
  pass: { bindingId: string; argoCdClusterId: string; recorded: TPassDeployment[] },
  planned: TPlannedDeployment[],
  results: TApplyResult[],
): Promise<TRecordedDeployment[]> {
  const appliedByName = new Map(
    results.flatMap((r) => (r.applied ? [[r.desired.metadata?.name, r.applied]] : [])),
  );
  const recordedByComponent = new Map(pass.recorded.map((d) => [d.componentName, d]));
  const rows = planned.map((d) => {
    const applied = appliedByName.get(d.application.metadata.name);
    const recorded = recordedByComponent.get(d.componentName);
    // A failed apply keeps the last status Argo CD reported.
    const status: TArgoStatusColumns = applied
      ? argoStatusColumns((applied as { status?: unknown }).status)
      : {
          syncStatus: recorded?.syncStatus ?? null,
          healthStatus: recorded?.healthStatus ?? null,
          revision: recorded?.revision ?? null,
          images: recorded?.images ?? [],
          resources: recorded?.resources ?? [],
          conditions: recorded?.conditions ?? [],
          operationState: recorded?.operationState ?? null,
          lastSyncedAt: recorded?.lastSyncedAt ?? null,
        };
    return {
      bindingId: pass.bindingId,
      componentName: d.componentName,
      argoCdClusterId: pass.argoCdClusterId,
      argoCdNamespace: d.application.metadata.namespace,
      applicationName: d.application.metadata.name,
      syncMode: d.syncMode,
      manifest: manifestOf(applied ?? d.application),
      slipwayConditions: d.slipwayConditions,
      ...status,
      lastSyncedAt: status.lastSyncedAt ? new Date(status.lastSyncedAt) : null,
    } satisfies Omit<TInsert, "id" | "createdAt" | "updatedAt">;
  });
  const changed = rows.filter((row) => {
    const recorded = recordedByComponent.get(row.componentName);
    if (!recorded) return true;
    const { id: _id, ...before } = recorded;
    return comparable(row) !== comparable(before);
  });
  const keep = new Set(rows.map((r) => r.componentName));
  const stale = pass.recorded.filter((d) => !keep.has(d.componentName)).map((d) => d.id);
  if (changed.length > 0 || stale.length > 0) {
    await db.transaction(async (tx) => {
      if (stale.length > 0) {
        await tx
          .delete(gitopsDeployments)
          .where(
            and(
              eq(gitopsDeployments.bindingId, pass.bindingId),
              inArray(gitopsDeployments.id, stale),
            ),
          );
      }
      if (changed.length === 0) return;
      await tx
        .insert(gitopsDeployments)
        .values(changed)
        .onConflictDoUpdate({
          target: [gitopsDeployments.bindingId, gitopsDeployments.componentName],
          set: {
            argoCdClusterId: sql`excluded.argo_cd_cluster_id`,
            argoCdNamespace: sql`excluded.argo_cd_namespace`,
            applicationName: sql`excluded.application_name`,
            syncMode: sql`excluded.sync_mode`,
            manifest: sql`excluded.manifest`,
            slipwayConditions: sql`excluded.slipway_conditions`,
            syncStatus: sql`excluded.sync_status`,
            healthStatus: sql`excluded.health_status`,
            revision: sql`excluded.revision`,
            images: sql`excluded.images`,
            resources: sql`excluded.resources`,
            conditions: sql`excluded.conditions`,
            operationState: sql`excluded.operation_state`,
            lastSyncedAt: sql`excluded.last_synced_at`,
            updatedAt: sql`now()`,
          },
        });
    });
  }
  return rows.map((r) => ({ ...r, lastSyncedAt: r.lastSyncedAt?.toISOString() ?? null }));
}
