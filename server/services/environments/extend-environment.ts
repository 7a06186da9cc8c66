import { eq, sql } from "drizzle-orm";
import { environments } from "@/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { AppError } from "../errors";
import { requestReconcile, reconcileKey } from "../reconcile/request-reconcile";
import { lockSpaceForChange } from "../spaces/lock-space";
import { assertExpiry } from "./environment-rules";
import { assertNotDeleting, loadEnvironment, type TEnvironmentRow } from "./environment-row";

/**
 * Moves an ephemeral environment's expiry (at most MAX_EXPIRY_DAYS from now) and clears the
 * warning, so a new one comes an hour before the new time. Does not change what the cluster
 * holds, so `generation` stays.
 */
export async function extendEnvironment(
  ctx: TSpaceContext,
  input: { environment: string; expiresAt: Date },
  now: Date = new Date(),
): Promise<TEnvironmentRow> {
  assertExpiry(input.expiresAt, now);
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "contributor");
    const before = await loadEnvironment(tx, ctx.space.id, input.environment, { lock: true });
    assertNotDeleting(before);
    if (!before.expiresAt) {
      throw new AppError("BAD_REQUEST", `Environment "${before.name}" does not expire.`);
    }
    const [after] = await tx
      .update(environments)
      .set({ expiresAt: input.expiresAt, expiryWarnedAt: null, updatedAt: sql`now()` })
      .where(eq(environments.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "environment.extend",
      targetType: "environment",
      targetId: after.name,
      before: { expiresAt: before.expiresAt.toISOString() },
      after: { expiresAt: input.expiresAt.toISOString() },
    });
    await requestReconcile(tx, [reconcileKey("environment", after.id)]);
    return after;
  });
}
