import { and, count, eq } from "drizzle-orm";
import { components } from "@/db/schema";
import { MAX_COMPONENTS, type TNewComponent } from "@/lib/validators/application";
import { recordAuditEvent } from "../audit/record-audit-event";
import { loadApplication } from "../applications/application-row";
import { inTransaction, type TSpaceContext } from "../context";
import { constraintErrorOf } from "../db-errors";
import { AppError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import {
  componentAuditView,
  componentNameTaken,
  componentView,
  newComponentValues,
} from "./component-row";

/** Adds a component to an existing application. */
export async function createComponent(
  ctx: TSpaceContext,
  input: { application: string } & TNewComponent,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const application = await loadApplication(tx, ctx.space.id, input.application);
      const [existing] = await tx
        .select({ total: count() })
        .from(components)
        .where(eq(components.applicationId, application.id));
      if (Number(existing?.total ?? 0) >= MAX_COMPONENTS) {
        throw new AppError(
          "BAD_REQUEST",
          `Application "${application.name}" already has ${MAX_COMPONENTS} components, the most an application may have.`,
        );
      }
      const [taken] = await tx
        .select({ id: components.id })
        .from(components)
        .where(and(eq(components.applicationId, application.id), eq(components.name, input.name)));
      if (taken) throw componentNameTaken(input.name);
      const [row] = await tx
        .insert(components)
        .values(newComponentValues(application.id, input))
        .returning();
      if (!row) throw new Error("insert returned no row");
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "component.create",
        targetType: "component",
        targetId: `${application.name}/${row.name}`,
        after: componentAuditView(row),
      });
      return componentView(row);
    });
  } catch (error) {
    throw constraintErrorOf(error, {
      component_application_name_unique: () => componentNameTaken(input.name),
    });
  }
}
