import { and, eq, inArray } from "drizzle-orm";
import { isDeepStrictEqual } from "node:util";
import { environments, pipelineEnvironmentMaps } from "@/db/schema";
import type { TPipelineStage } from "@/lib/validators/application";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { constraintErrorOf } from "../db-errors";
import { AppError, type TFieldErrors } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { loadApplication } from "./application-row";
import { loadPipelineStages } from "./pipeline-stages";

const crossedSpace = () =>
  new AppError("BAD_REQUEST", "A pipeline stage must map to an environment of this space.");

/**
 * Replaces an application's pipeline environment map (stage → environment of the space, in
 * pipeline order) in one transaction: every environment must exist here and not be on its way
 * out. Saving the same map again writes nothing.
 */
export async function setPipelineMap(
  ctx: TSpaceContext,
  input: { application: string; stages: TPipelineStage[] },
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const application = await loadApplication(tx, ctx.space.id, input.application);
      const names = input.stages.map((s) => s.environment);
      const found =
        names.length === 0
          ? []
          : await tx
              .select({
                id: environments.id,
                name: environments.name,
                deleting: environments.deletionRequestedAt,
              })
              .from(environments)
              .where(
                and(eq(environments.spaceId, ctx.space.id), inArray(environments.name, names)),
              );
      const byName = new Map(found.map((env) => [env.name, env]));
      const errors: TFieldErrors = {};
      input.stages.forEach((stage, index) => {
        const env = byName.get(stage.environment);
        const problem = !env
          ? `There is no environment "${stage.environment}" in this space.`
          : env.deleting
            ? `Environment "${stage.environment}" is being deleted; choose another.`
            : null;
        if (problem) errors[`stages.${index}.environment`] = [problem];
      });
      if (Object.keys(errors).length > 0) {
        throw new AppError(
          "BAD_REQUEST",
          "Some stages name environments that cannot be used.",
          errors,
        );
      }
      const before = await loadPipelineStages(tx, application.id);
      const summary = (stages: { stage: string; environment: string }[]) =>
        stages.map((s) => `${s.stage} → ${s.environment}`);
      const beforeSummary = summary(
        before.map((s) => ({ stage: s.stage, environment: s.environment.name })),
      );
      const afterSummary = summary(
        input.stages.map((s) => ({ stage: s.name, environment: s.environment })),
      );
      if (isDeepStrictEqual(beforeSummary, afterSummary)) return before;
      await tx
        .delete(pipelineEnvironmentMaps)
        .where(eq(pipelineEnvironmentMaps.applicationId, application.id));
      if (input.stages.length > 0) {
        await tx.insert(pipelineEnvironmentMaps).values(
          input.stages.map((stage, position) => ({
            applicationId: application.id,
            spaceId: ctx.space.id,
            stage: stage.name,
            position,
            environmentId: byName.get(stage.environment)!.id,
          })),
        );
      }
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "application.set-pipeline-map",
        targetType: "application",
        targetId: application.name,
        before: { stages: beforeSummary },
        after: { stages: afterSummary },
      });
      return loadPipelineStages(tx, application.id);
    });
  } catch (error) {
    throw constraintErrorOf(error, {
      pipeline_environment_map_environment_fk: crossedSpace,
      pipeline_environment_map_application_fk: crossedSpace,
    });
  }
}
