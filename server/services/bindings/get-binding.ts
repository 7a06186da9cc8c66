import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { loadSnapshotImages } from "../snapshots/snapshot-row";
import { loadBinding } from "./binding-row";

/** An application's binding to an environment, with the images of the snapshot it deploys. */
export async function getBinding(
  ctx: TSpaceContext,
  input: { application: string; environment: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const row = await loadBinding(ctx.db, application, input.environment);
  const images = await loadSnapshotImages(ctx.db, [row.binding.snapshotId]);
  return {
    ...row,
    snapshot: { ...row.snapshot, components: images.get(row.binding.snapshotId) ?? [] },
  };
}
