import { and, eq, sql } from "drizzle-orm";
import { promotionRuns, promotionSteps } from "@/db/schema";
import type { TPromote } from "@/lib/validators/promotion";
import { loadApplication } from "../applications/application-row";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findBindingOf } from "../bindings/binding-row";
import { resolveBindingEnvironment, resolveBindingSnapshot } from "../bindings/binding-rules";
import { inTransaction, type TSpaceContext } from "../context";
import { violatedConstraint } from "../db-errors";
import { fieldError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { lockSpaceForChange } from "../spaces/lock-space";
import { unjudgeableSnapshotReason } from "./judgeable-components";
import { checkPromotionAsUser } from "./promotion-as-user";
import { activePromotionOf, assertPromotable, promotionInProgress } from "./promotion-row";

/**
 * Starts a promotion of a snapshot to one environment (manual), or back to a snapshot the
 * environment ran before (rollback): the run, its one step and the audit record in one
 * transaction; the promotion/<id> reconciler does the rest. Refused in words when the environment
 * is not Ready, the snapshot is another application's or has a component Slipway cannot tell
 * running it (judgeable-components), a rollback's snapshot never ran there, or
 * the application has a run in progress (the partial unique index decides a race). On a cluster
 * with user sign-in, the person's token is checked first and nothing is written if the cluster
 * would refuse them (promotion-as-user.ts).
 */
export async function createPromotion(
  ctx: TSpaceContext,
  input: Omit<TPromote, "space">,
  kind: "manual" | "rollback" = "manual",
) {
  // Filled in inside the transaction, for the refusal after it rolled back.
  const seen: { application?: { id: string; name: string } } = {};
  await checkPromotionAsUser(ctx, input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const application = await loadApplication(tx, ctx.space.id, input.application);
      seen.application = application;
      const environment = await resolveBindingEnvironment(tx, ctx.space.id, input.environment);
      const snapshot = await resolveBindingSnapshot(tx, application, input.snapshot);
      assertPromotable(environment);
      const unjudgeable = await unjudgeableSnapshotReason(tx, application.id, snapshot.id);
      if (unjudgeable) throw fieldError("snapshot", unjudgeable);
      if (kind === "rollback") await assertRanBefore(tx, environment, snapshot, application.id);
      const active = await activePromotionOf(tx, application.id);
      if (active) throw promotionInProgress(active.id, application.name);
      const [run] = await tx
        .insert(promotionRuns)
        .values({
          spaceId: ctx.space.id,
          applicationId: application.id,
          snapshotId: snapshot.id,
          kind,
          targetEnvironmentId: environment.id,
          createdBy: ctx.actor.id,
        })
        .returning();
      if (!run) throw new Error("insert returned no row");
      await tx
        .insert(promotionSteps)
        .values({ runId: run.id, environmentId: environment.id, position: 0 });
      await requestReconcile(tx, [reconcileKey("promotion", run.id)]);
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: kind === "rollback" ? "promotion.rollback" : "promotion.create",
        targetType: "promotion",
        targetId: run.id,
        after: {
          application: application.name,
          snapshot: snapshot.name,
          environment: environment.name,
        },
      });
      return { id: run.id, state: run.state, kind: run.kind };
    });
  } catch (error) {
    // The space lock orders promotions by people; an automated run can still start meanwhile.
    const { application } = seen;
    if (application && violatedConstraint(error) === "promotion_run_one_active_per_application") {
      const active = await activePromotionOf(ctx.db, application.id);
      if (active) throw promotionInProgress(active.id, application.name);
    }
    throw error;
  }
}

/** A rollback goes to a snapshot from the environment's history, other than the one it runs. */
async function assertRanBefore(
  tx: TSpaceContext["db"],
  environment: { id: string; name: string },
  snapshot: { id: string; name: string },
  applicationId: string,
) {
  const current = (await findBindingOf(tx, applicationId, environment.id))?.binding;
  if (current?.snapshotId === snapshot.id) {
    throw fieldError(
      "snapshot",
      `Environment "${environment.name}" already runs snapshot "${snapshot.name}"; roll back to an earlier one.`,
    );
  }
  const [ran] = await tx
    .select({ one: sql`1` })
    .from(promotionSteps)
    .innerJoin(promotionRuns, eq(promotionRuns.id, promotionSteps.runId))
    .where(
      and(
        eq(promotionSteps.environmentId, environment.id),
        eq(promotionRuns.snapshotId, snapshot.id),
        eq(promotionSteps.result, "Success"),
      ),
    )
    .limit(1);
  const [before] = ran
    ? [ran]
    : await tx
        .select({ one: sql`1` })
        .from(promotionSteps)
        .where(
          and(
            eq(promotionSteps.environmentId, environment.id),
            eq(promotionSteps.previousSnapshotId, snapshot.id),
          ),
        )
        .limit(1);
  if (!before) {
    throw fieldError(
      "snapshot",
      `Snapshot "${snapshot.name}" never ran in environment "${environment.name}"; roll back to one from its history.`,
    );
  }
}
