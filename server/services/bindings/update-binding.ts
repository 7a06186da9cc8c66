import { isDeepStrictEqual } from "node:util";
import type { TUpdateBinding } from "@/lib/validators/binding";
import { loadApplication } from "../applications/application-row";
import { inTransaction, type TSpaceContext } from "../context";
import { constraintErrorOf } from "../db-errors";
import { AppError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { loadBinding } from "./binding-row";
import {
  assertConfiguredComponents,
  crossedSpaceOrApplication,
  resolveBindingSnapshot,
} from "./binding-rules";
import { saveBindingSnapshot } from "./save-binding-snapshot";

/**
 * Changes what a binding deploys: another snapshot of the same application, or the per-component
 * configuration. Application and environment stay (they name the binding). Each change bumps the
 * generation the reconciler's status is measured against; a save that changes nothing writes
 * nothing.
 */
export async function updateBinding(ctx: TSpaceContext, input: Omit<TUpdateBinding, "space">) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const application = await loadApplication(tx, ctx.space.id, input.application);
      const before = await loadBinding(tx, application, input.environment);
      if (before.binding.deletionRequestedAt) {
        throw new AppError(
          "CONFLICT",
          `The binding of ${application.name} to ${before.environment.name} is being deleted; bind again once it is gone.`,
        );
      }
      const snapshot = await resolveBindingSnapshot(
        tx,
        application,
        input.snapshot ?? before.snapshot.name,
      );
      const components = input.components ?? before.binding.components;
      await assertConfiguredComponents(tx, application, components);
      if (
        snapshot.id === before.binding.snapshotId &&
        isDeepStrictEqual(components, before.binding.components)
      )
        return before;
      const binding = await saveBindingSnapshot(
        txCtx,
        { spaceId: ctx.space.id, application, environment: before.environment },
        { binding: before.binding, snapshotName: before.snapshot.name },
        { snapshot, components },
      );
      return {
        binding,
        environment: before.environment,
        snapshot: { name: snapshot.name, displayName: snapshot.displayName },
      };
    });
  } catch (error) {
    throw constraintErrorOf(error, crossedSpaceOrApplication);
  }
}
