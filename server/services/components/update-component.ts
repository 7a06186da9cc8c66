import { eq, sql } from "drizzle-orm";
import { isDeepStrictEqual } from "node:util";
import { components } from "@/db/schema";
import type { TComponentFields } from "@/lib/validators/application";
import { recordAuditEvent } from "../audit/record-audit-event";
import { bindingKeysOfApplication } from "../bindings/binding-keys";
import { requestReconcile } from "../reconcile/request-reconcile";
import { loadApplication } from "../applications/application-row";
import { inTransaction, type TSpaceContext } from "../context";
import { lockSpaceForChange } from "../spaces/lock-space";
import {
  componentAuditView,
  componentColumns,
  componentView,
  loadComponent,
} from "./component-row";

/**
 * Edits a component's display name, source, GitOps source and current image; its name stays.
 * Snapshots already cut keep the images they hold.
 */
export async function updateComponent(
  ctx: TSpaceContext,
  input: { application: string; component: string } & TComponentFields,
) {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "contributor");
    const application = await loadApplication(tx, ctx.space.id, input.application);
    const before = await loadComponent(tx, application, input.component);
    const changes = componentColumns(input);
    const unchanged = (Object.keys(changes) as (keyof typeof changes)[]).every((key) =>
      isDeepStrictEqual(changes[key], before[key]),
    );
    if (unchanged) return componentView(before);
    const [after] = await tx
      .update(components)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(components.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    // The Applications deploy from the component's GitOps source.
    await requestReconcile(tx, await bindingKeysOfApplication(tx, application.id));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "component.update",
      targetType: "component",
      targetId: `${application.name}/${after.name}`,
      before: componentAuditView(before),
      after: componentAuditView(after),
    });
    return componentView(after);
  });
}
