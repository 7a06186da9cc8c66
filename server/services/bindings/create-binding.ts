import { and, eq } from "drizzle-orm";
import { snapshotEnvironmentBindings, snapshots } from "@/db/schema";
import type { TCreateBinding } from "@/lib/validators/binding";
import { loadApplication } from "../applications/application-row";
import { inTransaction, type TSpaceContext } from "../context";
import { constraintErrorOf } from "../db-errors";
import { fieldError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { bindingTaken } from "./binding-row";
import {
  assertConfiguredComponents,
  crossedSpaceOrApplication,
  resolveBindingEnvironment,
  resolveBindingSnapshot,
} from "./binding-rules";
import { saveBindingSnapshot } from "./save-binding-snapshot";

/**
 * Binds a snapshot of an application to an environment of its space: one binding per
 * (application, environment), refused in words when one exists (the unique index decides a race).
 */
export async function createBinding(ctx: TSpaceContext, input: Omit<TCreateBinding, "space">) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const application = await loadApplication(tx, ctx.space.id, input.application);
      const environment = await resolveBindingEnvironment(tx, ctx.space.id, input.environment);
      const [existing] = await tx
        .select({
          snapshot: snapshots.name,
          deleting: snapshotEnvironmentBindings.deletionRequestedAt,
        })
        .from(snapshotEnvironmentBindings)
        .innerJoin(snapshots, eq(snapshots.id, snapshotEnvironmentBindings.snapshotId))
        .where(
          and(
            eq(snapshotEnvironmentBindings.applicationId, application.id),
            eq(snapshotEnvironmentBindings.environmentId, environment.id),
          ),
        );
      if (existing?.deleting) {
        throw fieldError(
          "environment",
          `The binding of "${application.name}" to environment "${environment.name}" is still being deleted; bind again once it is gone.`,
        );
      }
      if (existing) throw bindingTaken(application.name, environment.name, existing.snapshot);
      const snapshot = await resolveBindingSnapshot(tx, application, input.snapshot);
      await assertConfiguredComponents(tx, application, input.components);
      const row = await saveBindingSnapshot(
        txCtx,
        { spaceId: ctx.space.id, application, environment },
        null,
        { snapshot, components: input.components },
      );
      return {
        binding: row,
        environment: { name: environment.name, displayName: environment.displayName },
        snapshot: { name: snapshot.name, displayName: snapshot.displayName },
      };
    });
  } catch (error) {
    throw constraintErrorOf(error, {
      ...crossedSpaceOrApplication,
      binding_application_environment_unique: () =>
        bindingTaken(input.application, input.environment),
    });
  }
}
