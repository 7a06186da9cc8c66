// The one write path for "this environment now runs that snapshot": binding.update (a person) and
// the promotion reconciler (a promotion step) both come through here, so a promotion changes a
// binding exactly as a person would — generation bumped, binding/<id> woken, audited.
import { eq, sql } from "drizzle-orm";
import { snapshotEnvironmentBindings } from "@/db/schema";
import type { TBindingComponent } from "@/lib/validators/binding";
import { recordAuditEvent, type TAuditContext } from "../audit/record-audit-event";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { bindingAuditView, type TBindingRow } from "./binding-row";

interface TBindingTarget {
  spaceId: string;
  application: { id: string; name: string };
  environment: { id: string; name: string };
}

/**
 * Inside the caller's transaction: creates the binding when `before` is null, else points it at
 * the snapshot with the given configuration. The caller has checked that snapshot and components
 * are the application's and that something changes.
 */
export async function saveBindingSnapshot(
  ctx: TAuditContext,
  target: TBindingTarget,
  before: { binding: TBindingRow; snapshotName: string } | null,
  next: { snapshot: { id: string; name: string }; components: TBindingComponent[] },
): Promise<TBindingRow> {
  const [binding] = before
    ? await ctx.db
        .update(snapshotEnvironmentBindings)
        .set({
          snapshotId: next.snapshot.id,
          components: next.components,
          generation: sql`${snapshotEnvironmentBindings.generation} + 1`,
          updatedAt: sql`now()`,
        })
        .where(eq(snapshotEnvironmentBindings.id, before.binding.id))
        .returning()
    : await ctx.db
        .insert(snapshotEnvironmentBindings)
        .values({
          spaceId: target.spaceId,
          applicationId: target.application.id,
          environmentId: target.environment.id,
          snapshotId: next.snapshot.id,
          components: next.components,
          createdBy: ctx.actor.id,
        })
        .returning();
  if (!binding) throw new Error("binding write returned no row");
  await requestReconcile(ctx.db, [reconcileKey("binding", binding.id)]);
  await recordAuditEvent(ctx, {
    spaceId: target.spaceId,
    action: before ? "binding.update" : "binding.create",
    targetType: "binding",
    targetId: `${target.application.name}/${target.environment.name}`,
    before: before ? bindingAuditView(before.snapshotName, before.binding.components) : undefined,
    after: bindingAuditView(next.snapshot.name, binding.components),
  });
  return binding;
}
