// The checks a binding must pass, each refused in words on its field: the environment is one of
// the space's (and not on its way out), the snapshot is one of the application's own, and every
// configured component is one of the application's. Composite foreign keys back the first two.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications, components, environments, snapshots } from "@/db/schema";
import type { TBindingComponent } from "@/lib/validators/binding";
import { AppError, fieldError, type TFieldErrors } from "../errors";

type TApplicationRef = { id: string; name: string; spaceId: string };

export async function resolveBindingEnvironment(tx: Db, spaceId: string, name: string) {
  const [env] = await tx
    .select()
    .from(environments)
    .where(and(eq(environments.spaceId, spaceId), eq(environments.name, name)));
  if (!env) {
    throw fieldError(
      "environment",
      `There is no environment "${name}" in this space; a binding deploys to an environment of its application's space.`,
    );
  }
  if (env.deletionRequestedAt) {
    throw fieldError("environment", `Environment "${name}" is being deleted; choose another.`);
  }
  return env;
}

/** The application's snapshot by name; a same-named snapshot of another application is named. */
export async function resolveBindingSnapshot(tx: Db, application: TApplicationRef, name: string) {
  const [own] = await tx
    .select()
    .from(snapshots)
    .where(and(eq(snapshots.applicationId, application.id), eq(snapshots.name, name)));
  if (own) return own;
  const others = await tx
    .select({ application: applications.name })
    .from(snapshots)
    .innerJoin(applications, eq(applications.id, snapshots.applicationId))
    .where(
      and(
        eq(applications.spaceId, application.spaceId),
        ne(applications.id, application.id),
        eq(snapshots.name, name),
      ),
    )
    .orderBy(asc(applications.name))
    .limit(1);
  const other = others[0];
  throw fieldError(
    "snapshot",
    other
      ? `Snapshot "${name}" belongs to application "${other.application}"; a binding of "${application.name}" deploys only "${application.name}"'s snapshots.`
      : `Application "${application.name}" has no snapshot "${name}".`,
  );
}

/** Every configured component must be a component of the application. */
export async function assertConfiguredComponents(
  tx: Db,
  application: TApplicationRef,
  configured: readonly TBindingComponent[],
): Promise<void> {
  if (configured.length === 0) return;
  const known = await tx
    .select({ name: components.name })
    .from(components)
    .where(
      and(
        eq(components.applicationId, application.id),
        inArray(
          components.name,
          configured.map((c) => c.name),
        ),
      ),
    );
  const names = new Set(known.map((c) => c.name));
  const errors: TFieldErrors = {};
  configured.forEach((component, index) => {
    if (!names.has(component.name)) {
      errors[`components.${index}.name`] = [
        `Application "${application.name}" has no component "${component.name}".`,
      ];
    }
  });
  if (Object.keys(errors).length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      "Configuration names components the application lacks.",
      errors,
    );
  }
}

/** The composite foreign keys' refusals, in the words of the checks above (a race or a bypass). */
export const crossedSpaceOrApplication = {
  binding_environment_fk: () =>
    fieldError("environment", "A binding deploys to an environment of its application's space."),
  binding_snapshot_fk: () =>
    fieldError("snapshot", "A binding deploys a snapshot of its own application."),
};
