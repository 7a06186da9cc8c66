import type { TSpaceContext } from "../context";
import { loadApplication } from "./application-row";
import { loadPipelineStages } from "./pipeline-stages";

/**
 * One application with its pipeline environment map and the caller's role. Components, snapshots
 * and bindings are lists of their own (component.list, snapshot.list, binding.list), paginated.
 */
export async function getApplication(ctx: TSpaceContext, input: { application: string }) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const pipeline = await loadPipelineStages(ctx.db, application.id);
  return { application, pipeline, role: ctx.role };
}
