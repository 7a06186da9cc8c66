// Whether Slipway can tell when an environment runs a snapshot. A kustomize or helm component
// gets the snapshot's image, and Argo CD reports it running; a plain directory takes no image
// override, so its step is judged by the revision Argo CD synced instead — which Slipway can only
// compare when the component's target revision is pinned to a commit (a snapshot records no
// revision). A snapshot with a component Slipway cannot judge is refused up front: its promotion
// would otherwise wait until it timed out.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { components, snapshotComponents } from "@/db/schema";

const COMMIT = /^[0-9a-f]{40}$/i;

/** Why Slipway cannot tell when the component runs a snapshot, or null when it can. */
export function unjudgeableReason(component: {
  name: string;
  gitopsType: "kustomize" | "helm" | "directory";
  gitopsTargetRevision: string;
}): string | null {
  if (component.gitopsType !== "directory" || COMMIT.test(component.gitopsTargetRevision)) {
    return null;
  }
  return (
    `Component "${component.name}" deploys a plain directory at "${component.gitopsTargetRevision}": ` +
    "the snapshot's image cannot be applied to it, and without a pinned commit Slipway cannot " +
    "tell when it runs the snapshot. Pin its target revision to a commit, or deploy it with " +
    "kustomize or helm."
  );
}

/** The first of the snapshot's components Slipway cannot judge, as a reason; null when none. */
export async function unjudgeableSnapshotReason(
  db: Db,
  applicationId: string,
  snapshotId: string,
): Promise<string | null> {
  const rows = await db
    .select({
      name: components.name,
      gitopsType: components.gitopsType,
      gitopsTargetRevision: components.gitopsTargetRevision,
    })
    .from(snapshotComponents)
    .innerJoin(
      components,
      and(
        eq(components.applicationId, applicationId),
        eq(components.name, snapshotComponents.componentName),
      ),
    )
    .where(eq(snapshotComponents.snapshotId, snapshotId))
    .orderBy(components.name);
  for (const row of rows) {
    const reason = unjudgeableReason(row);
    if (reason) return reason;
  }
  return null;
}
