import { eq, sql } from "drizzle-orm";
import { isDeepStrictEqual } from "node:util";
import { environments } from "@/db/schema";
import { quotaToHard } from "@/lib/environment-defaults";
import type { TEnvironmentChanges } from "@/lib/validators/environment";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { requestReconcile } from "../reconcile/request-reconcile";
import { lockSpaceForChange } from "../spaces/lock-space";
import { assertValidParent } from "./check-parent";
import { assertQuotaWithinCeilings } from "./environment-rules";
import {
  assertNotDeleting,
  environmentAuditView,
  loadEnvironment,
  type TEnvironmentRow,
} from "./environment-row";
import { resolveCeilings } from "./resolve-ceilings";
import { environmentAndWorkspaceKeys } from "./workspace-keys";

/**
 * Edits what an environment asks for; name, type, cluster and namespace stay (moving a namespace
 * is a delete and a create). Each change bumps `generation` so the status shows whether the
 * cluster has caught up; a save that changes nothing writes nothing.
 */
export async function updateEnvironment(
  ctx: TSpaceContext,
  input: { environment: string } & TEnvironmentChanges,
): Promise<TEnvironmentRow> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "contributor");
    const before = await loadEnvironment(tx, ctx.space.id, input.environment, { lock: true });
    assertNotDeleting(before);
    await assertValidParent(tx, ctx.space.id, input.parentId, before);
    const quota = quotaToHard(input.quota);
    if (!isDeepStrictEqual(quota, before.quota)) {
      assertQuotaWithinCeilings(input.quota, await resolveCeilings(tx, before));
    }
    const changes = {
      displayName: input.displayName,
      description: input.description,
      parentId: input.parentId,
      deploymentStrategy: input.deploymentStrategy,
      variables: input.variables,
      tags: input.tags,
      quota,
      contributorNamespaces: input.contributorNamespaces,
    };
    const unchanged = (Object.keys(changes) as (keyof typeof changes)[]).every((key) =>
      isDeepStrictEqual(changes[key], before[key]),
    );
    if (unchanged) return before;
    const [after] = await tx
      .update(environments)
      .set({ ...changes, generation: sql`${environments.generation} + 1`, updatedAt: sql`now()` })
      .where(eq(environments.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "environment.update",
      targetType: "environment",
      targetId: after.name,
      before: environmentAuditView(before),
      after: environmentAuditView(after),
    });
    // Workspaces of a dev environment follow its quota and access rules.
    await requestReconcile(tx, await environmentAndWorkspaceKeys(tx, [after.id]));
    return after;
  });
}
