import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, snapshotEnvironmentBindings, snapshots } from "@/db/schema";
import type { TBindingComponent } from "@/lib/validators/binding";
import { AppError, fieldError } from "../errors";

export type TBindingRow = typeof snapshotEnvironmentBindings.$inferSelect;

export const bindingNotFound = (application: string, environment: string) =>
  new AppError(
    "NOT_FOUND",
    `Application "${application}" has no binding to environment "${environment}".`,
  );

export const bindingTaken = (application: string, environment: string, snapshot?: string) =>
  fieldError(
    "environment",
    `Application "${application}" is already bound to environment "${environment}"${snapshot ? ` (snapshot "${snapshot}")` : ""}; change that binding's snapshot instead.`,
    "CONFLICT",
  );

/** The binding of an application to an environment (by name), with both names. */
export async function loadBinding(
  tx: Db,
  application: { id: string; name: string },
  environment: string,
) {
  const [row] = await tx
    .select({
      binding: snapshotEnvironmentBindings,
      environment: {
        id: environments.id,
        name: environments.name,
        displayName: environments.displayName,
      },
      snapshot: { name: snapshots.name, displayName: snapshots.displayName },
    })
    .from(snapshotEnvironmentBindings)
    .innerJoin(environments, eq(environments.id, snapshotEnvironmentBindings.environmentId))
    .innerJoin(snapshots, eq(snapshots.id, snapshotEnvironmentBindings.snapshotId))
    .where(
      and(
        eq(snapshotEnvironmentBindings.applicationId, application.id),
        eq(environments.name, environment),
      ),
    );
  if (!row) throw bindingNotFound(application.name, environment);
  return row;
}

/** What an audit record shows of a binding. */
export function bindingAuditView(snapshot: string, components: readonly TBindingComponent[]) {
  return { snapshot, components };
}

/** The binding of an application to an environment (by ids) with its snapshot's name, or null. */
export async function findBindingOf(tx: Db, applicationId: string, environmentId: string) {
  const [row] = await tx
    .select({ binding: snapshotEnvironmentBindings, snapshotName: snapshots.name })
    .from(snapshotEnvironmentBindings)
    .innerJoin(snapshots, eq(snapshots.id, snapshotEnvironmentBindings.snapshotId))
    .where(
      and(
        eq(snapshotEnvironmentBindings.applicationId, applicationId),
        eq(snapshotEnvironmentBindings.environmentId, environmentId),
      ),
    );
  return row ?? null;
}
