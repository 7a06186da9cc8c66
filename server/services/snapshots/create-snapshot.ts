import { and, eq, inArray } from "drizzle-orm";
import { components, snapshotComponents, snapshots } from "@/db/schema";
import type { TCreateSnapshot } from "@/lib/validators/snapshot";
import { loadApplication } from "../applications/application-row";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { constraintErrorOf } from "../db-errors";
import { AppError, type TFieldErrors } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { snapshotAuditView, snapshotNameTaken } from "./snapshot-row";

/**
 * Cuts a snapshot: one image for each named component, all of them components of the application,
 * written with the snapshot in one transaction. It never changes afterwards.
 */
export async function createSnapshot(ctx: TSpaceContext, input: Omit<TCreateSnapshot, "space">) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const application = await loadApplication(tx, ctx.space.id, input.application);
      const named = input.components.map((c) => c.name);
      const known = await tx
        .select({ name: components.name })
        .from(components)
        .where(and(eq(components.applicationId, application.id), inArray(components.name, named)));
      const knownNames = new Set(known.map((c) => c.name));
      const errors: TFieldErrors = {};
      input.components.forEach((component, index) => {
        if (!knownNames.has(component.name)) {
          errors[`components.${index}.name`] = [
            `Application "${application.name}" has no component "${component.name}".`,
          ];
        }
      });
      if (Object.keys(errors).length > 0) {
        throw new AppError(
          "BAD_REQUEST",
          "A snapshot may only name components of its application.",
          errors,
        );
      }
      const [taken] = await tx
        .select({ id: snapshots.id })
        .from(snapshots)
        .where(and(eq(snapshots.applicationId, application.id), eq(snapshots.name, input.name)));
      if (taken) throw snapshotNameTaken(input.name);
      const [snapshot] = await tx
        .insert(snapshots)
        .values({
          applicationId: application.id,
          name: input.name,
          displayName: input.displayName,
          description: input.description,
          artifacts: input.artifacts,
          createdBy: ctx.actor.id,
        })
        .returning();
      if (!snapshot) throw new Error("insert returned no row");
      await tx.insert(snapshotComponents).values(
        input.components.map((c) => ({
          snapshotId: snapshot.id,
          componentName: c.name,
          containerImage: c.containerImage,
        })),
      );
      const images = [...input.components].sort((a, b) => a.name.localeCompare(b.name));
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "snapshot.create",
        targetType: "snapshot",
        targetId: `${application.name}/${snapshot.name}`,
        after: snapshotAuditView(snapshot, images),
      });
      return { ...snapshot, components: images };
    });
  } catch (error) {
    throw constraintErrorOf(error, {
      snapshot_application_name_unique: () => snapshotNameTaken(input.name),
    });
  }
}
