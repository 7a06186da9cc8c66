import { and, asc, eq } from "drizzle-orm";
import { environments, snapshotEnvironmentBindings, snapshots } from "@/db/schema";
import { loadApplication } from "../applications/application-row";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { constraintErrorOf } from "../db-errors";
import { AppError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { loadSnapshot, loadSnapshotImages, snapshotAuditView } from "./snapshot-row";

const inUse = (name: string, environmentNames: string[]) =>
  new AppError(
    "BAD_REQUEST",
    `Snapshot "${name}" is deployed to ${environmentNames.length > 0 ? environmentNames.map((e) => `"${e}"`).join(", ") : "an environment"}. Bind another snapshot there (or delete those bindings) first.`,
  );

/** Deletes a snapshot no binding uses; the foreign key refuses one in use too. */
export async function deleteSnapshot(
  ctx: TSpaceContext,
  input: { application: string; snapshot: string },
): Promise<void> {
  try {
    await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "owner");
      const application = await loadApplication(tx, ctx.space.id, input.application);
      const row = await loadSnapshot(tx, application, input.snapshot);
      const bound = await tx
        .select({ name: environments.name })
        .from(snapshotEnvironmentBindings)
        .innerJoin(environments, eq(environments.id, snapshotEnvironmentBindings.environmentId))
        .where(
          and(
            eq(snapshotEnvironmentBindings.snapshotId, row.id),
            eq(snapshotEnvironmentBindings.applicationId, application.id),
          ),
        )
        .orderBy(asc(environments.name));
      if (bound.length > 0)
        throw inUse(
          row.name,
          bound.map((b) => b.name),
        );
      const images = (await loadSnapshotImages(tx, [row.id])).get(row.id);
      await tx.delete(snapshots).where(eq(snapshots.id, row.id));
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "snapshot.delete",
        targetType: "snapshot",
        targetId: `${application.name}/${row.name}`,
        before: snapshotAuditView(row, images),
      });
    });
  } catch (error) {
    throw constraintErrorOf(error, { binding_snapshot_fk: () => inUse(input.snapshot, []) });
  }
}
