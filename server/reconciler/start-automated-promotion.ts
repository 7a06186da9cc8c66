// Automated promotion (Slipway's own; upstream never built it): once an application's binding in
// environment P runs snapshot S Synced and Healthy, S is promoted to every child of P whose
// deployment strategy is AppStudioAutomated and that does not run S yet — one run at a time per
// application, so the next is started when the active one completes (the reconcilers call this
// after a binding's pass and after a run completes). Walking the graph this way cascades
// dev → stage → prod. Idempotent: a partial unique index allows one automated run per (S, P).
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  environments,
  gitopsDeployments,
  promotionRuns,
  promotionSteps,
  snapshotEnvironmentBindings,
} from "@/db/schema";
import { findCondition, isReady } from "@/lib/conditions";
import { recordAuditEvent } from "@/server/services/audit/record-audit-event";
import { isUniqueViolation } from "@/server/services/db-errors";
import { reconcileKey, requestReconcile } from "@/server/services/reconcile/request-reconcile";
import { loadSnapshotImages } from "@/server/services/snapshots/snapshot-row";
import { judgePromotionStep } from "./judge-promotion-step";

const b = snapshotEnvironmentBindings;

/**
 * Starts the application's next automated promotion, if one is due; returns its id. Callers call
 * it when they know no run of the application is active (a binding pass that found none, a run
 * that just completed); a run started meanwhile by someone else is caught by the one-active-run
 * index and this returns null.
 */
export async function startAutomatedPromotion(
  db: Db,
  applicationId: string,
): Promise<string | null> {
  const bindings = await db
    .select({
      id: b.id,
      spaceId: b.spaceId,
      environmentId: b.environmentId,
      snapshotId: b.snapshotId,
      generation: b.generation,
      status: b.status,
      deleting: b.deletionRequestedAt,
    })
    .from(b)
    .where(eq(b.applicationId, applicationId));
  const rolledUp = bindings.filter((binding) => {
    const all = findCondition(binding.status, "AllComponentsDeployed");
    return (
      !binding.deleting &&
      isReady(binding.status, binding.generation) &&
      all?.status === "True" &&
      all.observedGeneration === binding.generation
    );
  });
  if (rolledUp.length === 0) return null;
  const deployed = await runningTheirSnapshot(db, rolledUp);
  if (deployed.length === 0) return null;
  const [children, done] = await Promise.all([
    db
      .select({ id: environments.id, name: environments.name, parentId: environments.parentId })
      .from(environments)
      .where(
        and(
          inArray(
            environments.parentId,
            deployed.map((d) => d.environmentId),
          ),
          eq(environments.deploymentStrategy, "AppStudioAutomated"),
          isNull(environments.deletionRequestedAt),
        ),
      )
      .orderBy(environments.name),
    db
      .select({ snapshotId: promotionRuns.snapshotId, source: promotionRuns.sourceEnvironmentId })
      .from(promotionRuns)
      .where(
        and(eq(promotionRuns.applicationId, applicationId), eq(promotionRuns.kind, "automated")),
      ),
  ]);
  const runsIn = new Map(bindings.map((x) => [x.environmentId, x.snapshotId]));
  const started = new Set(done.map((r) => `${r.snapshotId}/${r.source}`));
  for (const parent of deployed) {
    if (started.has(`${parent.snapshotId}/${parent.environmentId}`)) continue;
    const targets = children.filter(
      (c) => c.parentId === parent.environmentId && runsIn.get(c.id) !== parent.snapshotId,
    );
    if (targets.length === 0) continue;
    try {
      return await db.transaction(async (tx) => {
        const [run] = await tx
          .insert(promotionRuns)
          .values({
            spaceId: parent.spaceId,
            applicationId,
            snapshotId: parent.snapshotId,
            kind: "automated",
            sourceEnvironmentId: parent.environmentId,
          })
          .returning({ id: promotionRuns.id });
        if (!run) throw new Error("insert returned no row");
        await tx
          .insert(promotionSteps)
          .values(targets.map((t, position) => ({ runId: run.id, environmentId: t.id, position })));
        await requestReconcile(tx, [reconcileKey("promotion", run.id)]);
        await recordAuditEvent(
          { db: tx, actor: { id: null, label: "Slipway" } },
          {
            spaceId: parent.spaceId,
            action: "promotion.automate",
            targetType: "promotion",
            targetId: run.id,
            after: { environments: targets.map((t) => t.name) },
          },
        );
        return run.id;
      });
    } catch (error) {
      // Another worker started this run, or another run of the application, just now.
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }
  return null;
}

type TCandidate = {
  id: string;
  snapshotId: string;
  generation: number;
  status: typeof b.$inferSelect.status;
  deleting: Date | null;
};

/**
 * The bindings whose deployments Argo CD reports running their snapshot's images Synced and
 * Healthy — the roll-up alone may still describe the snapshot before (Argo CD has not synced yet).
 */
async function runningTheirSnapshot<T extends TCandidate>(db: Db, candidates: T[]): Promise<T[]> {
  const [deployments, images] = await Promise.all([
    db
      .select()
      .from(gitopsDeployments)
      .where(
        inArray(
          gitopsDeployments.bindingId,
          candidates.map((c) => c.id),
        ),
      ),
    loadSnapshotImages(
      db,
      candidates.map((c) => c.snapshotId),
    ),
  ]);
  return candidates.filter(
    (c) =>
      judgePromotionStep({
        snapshot: { id: c.snapshotId, name: "", images: images.get(c.snapshotId) ?? [] },
        binding: { ...c, deletionRequestedAt: c.deleting },
        deployments: deployments.filter((d) => d.bindingId === c.id),
      }).kind === "success",
  );
}
