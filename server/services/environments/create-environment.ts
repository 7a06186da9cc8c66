import { environments } from "@/db/schema";
import { DEFAULT_CONTAINER_LIMITS, quotaToHard } from "@/lib/environment-defaults";
import { environmentNamespace } from "@/lib/namespace-names";
import type { TCreateEnvironment } from "@/lib/validators/environment";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { isUniqueViolation, violatedConstraint } from "../db-errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { lockSpaceForChange } from "../spaces/lock-space";
import { assertValidParent } from "./check-parent";
import { assertNamespaceAllowed, claimClusterNamespace } from "./claim-namespace";
import {
  assertExpiry,
  assertNameAndTypeFree,
  assertQuotaWithinCeilings,
  nameTaken,
  singletonTaken,
} from "./environment-rules";
import { environmentAuditView, type TEnvironmentRow } from "./environment-row";
import { resolvePlacement } from "./resolve-placement";

/**
 * Creates an environment and, on a cluster, claims its namespace there, in one transaction with
 * its audit record and a reconcile request (delivered on commit). The space lock orders creates
 * against membership changes and space deletion.
 */
export async function createEnvironment(
  ctx: TSpaceContext,
  input: Omit<TCreateEnvironment, "space">,
  now: Date = new Date(),
): Promise<TEnvironmentRow> {
  if (input.expiresAt) assertExpiry(input.expiresAt, now);
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      await assertNameAndTypeFree(tx, ctx.space.id, input);
      const placement = await resolvePlacement(tx, ctx.space.id, input);
      assertQuotaWithinCeilings(input.quota, placement.quotaCeilings);
      await assertValidParent(tx, ctx.space.id, input.parentId, null);
      // On a claim the bound target's namespace is used; the reconciler copies it in.
      const namespace = placement.clusterId
        ? input.namespace || environmentNamespace(ctx.space.name, input.name)
        : null;
      if (namespace) assertNamespaceAllowed(namespace, placement.allowedNamespaces);
      const [row] = await tx
        .insert(environments)
        .values({
          spaceId: ctx.space.id,
          name: input.name,
          displayName: input.displayName,
          description: input.description,
          type: input.type,
          clusterId: placement.clusterId,
          claimId: placement.claimId,
          namespace,
          parentId: input.parentId,
          deploymentStrategy: input.deploymentStrategy,
          variables: input.variables,
          tags: input.tags,
          quota: quotaToHard(input.quota),
          containerLimits: DEFAULT_CONTAINER_LIMITS[input.type],
          contributorNamespaces: input.contributorNamespaces,
          expiresAt: input.expiresAt,
          createdBy: ctx.actor.id,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      const key = reconcileKey("environment", row.id);
      if (placement.clusterId && namespace) {
        await claimClusterNamespace(tx, placement.clusterId, namespace, key);
      }
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "environment.create",
        targetType: "environment",
        targetId: row.name,
        after: environmentAuditView(row),
      });
      await requestReconcile(tx, [key]);
      return row;
    });
  } catch (error) {
    // Two creators racing past the checks: the unique indexes decide, with the same messages.
    if (isUniqueViolation(error)) {
      const constraint = violatedConstraint(error);
      if (constraint === "environment_space_singleton_type_unique")
        throw singletonTaken(input.type);
      if (constraint === "environment_space_name_unique") throw nameTaken(input.name);
    }
    throw error;
  }
}
