// promotion/<id>: carries a promotion run out, step by step. A step points its environment's
// binding at the run's snapshot through the binding service (which wakes binding/<id>), then
// waits — level-triggered: the binding reconciler wakes this key whenever its pass ends, and a
// timer is set only for the step's deadline (the run's timeout from when the step started) —
// until Argo CD reports every component running the snapshot's image Synced and Healthy. Degraded
// or a sync/comparison error fails the step and the run, and so does the deadline. The run's state, result and message are its status, written on
// every pass that changes them and never otherwise; so are the events each state change leaves in
// the log of the environment concerned (started, step succeeded or failed, timed out, completed),
// which its page shows. A pass holds the run's row lock, so two
// workers that hear the same NOTIFY take turns.
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  applications,
  environments,
  gitopsDeployments,
  promotionRuns,
  promotionSteps,
  snapshots,
} from "@/db/schema";
import { findBindingOf } from "@/server/services/bindings/binding-row";
import { saveBindingSnapshot } from "@/server/services/bindings/save-binding-snapshot";
import { unjudgeableSnapshotReason } from "@/server/services/promotions/judgeable-components";
import { notReadyReason } from "@/server/services/promotions/promotion-row";
import { reconcileKey } from "@/server/services/reconcile/request-reconcile";
import { loadSnapshotImages } from "@/server/services/snapshots/snapshot-row";
import { promotionEventsKey, recordReconcileEvent } from "./events";
import { DONE, type Reconciler, type TReconcileContext, type TReconcileResult } from "./controller";
import { formatTimeout, judgePromotionStep, type TStepVerdict } from "./judge-promotion-step";
import { startAutomatedPromotion } from "./start-automated-promotion";

/** The run's row with the names its messages and audit records use. */
type TRun = typeof promotionRuns.$inferSelect & { applicationName: string; snapshotName: string };
type TStep = typeof promotionSteps.$inferSelect;

// Who a promotion's binding changes are recorded as: Slipway, naming the run.
const actorFor = (run: TRun) => ({ id: null, label: `Slipway (promotion ${run.id})` });

/** How events name a run: its kind, the first part of its id, the application and snapshot. */
const describeRun = (run: TRun) =>
  `${run.kind} promotion ${run.id.slice(0, 8)} of ${run.applicationName} snapshot "${run.snapshotName}"`;

/** An event in the log of an environment the run promotes into. */
function recordPromotionEvent(
  db: Db,
  environmentId: string,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
) {
  return recordReconcileEvent(db, promotionEventsKey(environmentId), { type, reason, message });
}

async function completeRun(
  db: Db,
  run: TRun,
  now: Date,
  result: "Success" | "Failure",
  message: string,
) {
  await db
    .update(promotionRuns)
    .set({ state: "Complete", result, message, completedAt: now })
    .where(eq(promotionRuns.id, run.id));
}

async function finishStep(db: Db, step: TStep, now: Date, verdict: TStepVerdict) {
  await db
    .update(promotionSteps)
    .set({
      state: "Complete",
      result: verdict.kind === "success" ? "Success" : "Failure",
      message: verdict.message,
      completedAt: now,
    })
    .where(and(eq(promotionSteps.runId, step.runId), eq(promotionSteps.position, step.position)));
}

/** Points the step's environment at the run's snapshot (creating the binding if need be). */
async function startStep(db: Db, run: TRun, step: TStep, now: Date): Promise<TStepVerdict | null> {
  const [environment] = await db
    .select()
    .from(environments)
    .where(eq(environments.id, step.environmentId));
  if (!environment) return { kind: "failure", message: "the environment is gone" };
  const blocked = notReadyReason(environment);
  if (blocked) {
    return {
      kind: "failure",
      message: `environment "${environment.name}" is not Ready: ${blocked}`,
    };
  }
  // Automated runs were not refused up front as a person's are: fail now rather than time out.
  const unjudgeable = await unjudgeableSnapshotReason(db, run.applicationId, run.snapshotId);
  if (unjudgeable) return { kind: "failure", message: unjudgeable };
  const current = await findBindingOf(db, run.applicationId, environment.id);
  if (current?.binding.deletionRequestedAt) {
    return { kind: "failure", message: `the binding to "${environment.name}" is being deleted` };
  }
  if (current?.binding.snapshotId !== run.snapshotId) {
    await saveBindingSnapshot(
      { db, actor: actorFor(run) },
      {
        spaceId: run.spaceId,
        application: { id: run.applicationId, name: run.applicationName },
        environment: { id: environment.id, name: environment.name },
      },
      current ? { binding: current.binding, snapshotName: current.snapshotName } : null,
      {
        snapshot: { id: run.snapshotId, name: run.snapshotName },
        components: current?.binding.components ?? [],
      },
    );
  }
  await db
    .update(promotionSteps)
    .set({
      state: "In Progress",
      startedAt: now,
      previousSnapshotId: current?.binding.snapshotId ?? null,
      message: `deploying to ${environment.name}`,
    })
    .where(and(eq(promotionSteps.runId, step.runId), eq(promotionSteps.position, step.position)));
  await recordPromotionEvent(
    db,
    environment.id,
    "Normal",
    "PromotionStarted",
    `${describeRun(run)} started: deploying to ${environment.name}`,
  );
  return null;
}

/** What the database says of the step's deployment now. */
async function judgeStep(db: Db, run: TRun, step: TStep): Promise<TStepVerdict> {
  const current = await findBindingOf(db, run.applicationId, step.environmentId);
  const [deployments, images] = await Promise.all([
    current
      ? db
          .select()
          .from(gitopsDeployments)
          .where(eq(gitopsDeployments.bindingId, current.binding.id))
      : Promise.resolve([]),
    loadSnapshotImages(db, [run.snapshotId]),
  ]);
  return judgePromotionStep({
    snapshot: {
      id: run.snapshotId,
      name: run.snapshotName,
      images: images.get(run.snapshotId) ?? [],
    },
    binding: current?.binding ?? null,
    deployments,
  });
}

/** One pass over a locked, unfinished run. Returns the queue's next step and whether it ended. */
async function advance(
  db: Db,
  run: TRun,
  now: Date,
): Promise<{ result: TReconcileResult; ended: boolean }> {
  if (run.state === "Waiting" || !run.startedAt) {
    await db
      .update(promotionRuns)
      .set({ state: "In Progress", startedAt: now })
      .where(eq(promotionRuns.id, run.id));
  }
  // Each step has the run's timeout from when it started, so a late step of a long run is given
  // as long as the first.
  const timeoutMs = run.timeoutSeconds * 1000;
  const steps = await db
    .select({ step: promotionSteps, environment: environments.name })
    .from(promotionSteps)
    .innerJoin(environments, eq(environments.id, promotionSteps.environmentId))
    .where(eq(promotionSteps.runId, run.id))
    .orderBy(asc(promotionSteps.position));
  const complete = async (result: "Success" | "Failure", message: string) => {
    await completeRun(db, run, now, result, message);
    for (const { step } of steps) {
      await recordPromotionEvent(
        db,
        step.environmentId,
        result === "Success" ? "Normal" : "Warning",
        "PromotionCompleted",
        `${describeRun(run)} completed: ${result}: ${message}`,
      );
    }
    return { result: DONE, ended: true };
  };
  for (const { step, environment } of steps) {
    if (step.state === "Complete" && step.result === "Success") continue;
    const fail = async (message: string, reason = "PromotionStepFailed") => {
      await finishStep(db, step, now, { kind: "failure", message });
      await recordPromotionEvent(
        db,
        step.environmentId,
        "Warning",
        reason,
        `${describeRun(run)} failed in ${environment}: ${message}`,
      );
      return complete("Failure", `${environment}: ${message}`);
    };
    if (step.state === "Complete") return fail(step.message);
    if (step.state === "Waiting" || !step.startedAt) {
      const refused = await startStep(db, run, step, now);
      if (refused) return fail(refused.message);
      // The binding just changed: its reconcile wakes this key when it has something to say.
      return { result: { kind: "requeueAfter", ms: timeoutMs }, ended: false };
    }
    const deadline = step.startedAt.getTime() + timeoutMs;
    if (now.getTime() >= deadline) {
      // fail() names the environment in the run's message and the event.
      return fail(`timed out after ${formatTimeout(run.timeoutSeconds)}`, "PromotionTimedOut");
    }
    const verdict = await judgeStep(db, run, step);
    if (verdict.kind === "failure") return fail(verdict.message);
    if (verdict.kind === "wait") {
      if (step.message !== verdict.message) {
        await db
          .update(promotionSteps)
          .set({ message: verdict.message })
          .where(and(eq(promotionSteps.runId, run.id), eq(promotionSteps.position, step.position)));
      }
      return { result: { kind: "requeueAfter", ms: deadline - now.getTime() }, ended: false };
    }
    await finishStep(db, step, now, verdict);
    await recordPromotionEvent(
      db,
      step.environmentId,
      "Normal",
      "PromotionStepSucceeded",
      `${describeRun(run)} deployed to ${environment}: ${verdict.message}`,
    );
  }
  const names = steps.map((s) => s.environment).join(", ");
  return complete("Success", `deployed to ${names}`);
}

export async function reconcilePromotion(ctx: TReconcileContext): Promise<TReconcileResult> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select({
        run: promotionRuns,
        applicationName: applications.name,
        snapshotName: snapshots.name,
      })
      .from(promotionRuns)
      .innerJoin(applications, eq(applications.id, promotionRuns.applicationId))
      .innerJoin(snapshots, eq(snapshots.id, promotionRuns.snapshotId))
      .where(and(eq(promotionRuns.id, ctx.id), ne(promotionRuns.state, "Complete")))
      .for("update", { of: promotionRuns });
    if (!found) return null;
    const run: TRun = {
      ...found.run,
      applicationName: found.applicationName,
      snapshotName: found.snapshotName,
    };
    return { ...(await advance(tx, run, ctx.now())), applicationId: run.applicationId };
  });
  if (!outcome) return DONE;
  // One run at a time per application: the next automated one may start now.
  if (outcome.ended) await startAutomatedPromotion(ctx.db, outcome.applicationId);
  return outcome.result;
}

export const promotionReconciler: Reconciler = {
  kind: "promotion",
  reconcile: (_key, ctx) => reconcilePromotion(ctx),
  // Only runs still under way have anything to do.
  listKeys: async (db) =>
    (
      await db
        .select({ id: promotionRuns.id })
        .from(promotionRuns)
        .where(ne(promotionRuns.state, "Complete"))
    ).map((r) => reconcileKey("promotion", r.id)),
};
