import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { listManagedObjects } from "../reconcile/list-managed-objects";
import { reconcileKey } from "../reconcile/request-reconcile";
import { loadSnapshotImages } from "../snapshots/snapshot-row";
import { loadBinding } from "./binding-row";

/**
 * An application's binding to an environment, with the images of the snapshot it deploys and the
 * objects its passes applied besides the Applications (its Argo CD repository Secrets, redacted).
 */
export async function getBinding(
  ctx: TSpaceContext,
  input: { application: string; environment: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const row = await loadBinding(ctx.db, application, input.environment);
  const [images, objects] = await Promise.all([
    loadSnapshotImages(ctx.db, [row.binding.snapshotId]),
    listManagedObjects(ctx.db, reconcileKey("binding", row.binding.id)),
  ]);
  return {
    ...row,
    objects,
    snapshot: { ...row.snapshot, components: images.get(row.binding.snapshotId) ?? [] },
  };
}
