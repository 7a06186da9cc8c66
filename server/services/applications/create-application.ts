import { and, eq } from "drizzle-orm";
import { applications, components } from "@/db/schema";
import type { TCreateApplication } from "@/lib/validators/application";
import { recordAuditEvent } from "../audit/record-audit-event";
import { componentView, newComponentValues } from "../components/component-row";
import { inTransaction, type TSpaceContext } from "../context";
import { constraintErrorOf } from "../db-errors";
import { AppError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { applicationAuditView, applicationNameTaken } from "./application-row";

/**
 * The Create App flow: the application and its components in one transaction with one audit
 * record, so an application never exists half-made. Component names were checked unique by the
 * input schema; the application's name is checked here, and the unique index decides a race.
 */
export async function createApplication(
  ctx: TSpaceContext,
  input: Omit<TCreateApplication, "space">,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const [taken] = await tx
        .select({ id: applications.id })
        .from(applications)
        .where(and(eq(applications.spaceId, ctx.space.id), eq(applications.name, input.name)));
      if (taken) throw applicationNameTaken(input.name);
      const [application] = await tx
        .insert(applications)
        .values({
          spaceId: ctx.space.id,
          name: input.name,
          displayName: input.displayName,
          createdBy: ctx.actor.id,
        })
        .returning();
      if (!application) throw new Error("insert returned no row");
      const rows = await tx
        .insert(components)
        .values(input.components.map((c) => newComponentValues(application.id, c)))
        .returning();
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "application.create",
        targetType: "application",
        targetId: application.name,
        after: { ...applicationAuditView(application), components: rows.map((c) => c.name) },
      });
      return { ...application, components: rows.map(componentView) };
    });
  } catch (error) {
    throw constraintErrorOf(error, {
      application_space_name_unique: () => applicationNameTaken(input.name),
      // The input schema refuses repeated component names first; this is its backstop.
      component_application_name_unique: () =>
        new AppError("BAD_REQUEST", "Two components of an application cannot share a name."),
    });
  }
}
