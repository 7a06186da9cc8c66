import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { AppError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { applyApplications } from "./kinds/application";
import { applyComponents } from "./kinds/component";
import { applyClaims } from "./kinds/deployment-target-claim";
import { applyEnvironments } from "./kinds/environment";
import type { TApplyContext } from "./kinds/kind-context";
import { applySnapshots } from "./kinds/snapshot";
import { applyBindings } from "./kinds/snapshot-environment-binding";
import { planStream } from "./plan-import";
import type { TPlan } from "./plan-types";
import { readStream } from "./read-stream";
import { loadSpaceState } from "./space-state";

/**
 * declarative.apply: plans the YAML again under the space lock — so what is applied is what was
 * validated against the space as it is now — and applies it in one transaction, all or nothing.
 * Each object goes through its own service (its checks, its audit record, its reconcile request);
 * one more audit record sums the import up.
 */
export async function applyImport(ctx: TSpaceContext, input: { yaml: string }): Promise<TPlan> {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "contributor");
    const { stream, errors } = readStream(input.yaml);
    const state = await loadSpaceState(tx, ctx.space.id);
    const plan = planStream(state, stream, errors);
    const [error] = plan.errors;
    if (error) {
      throw new AppError(
        "BAD_REQUEST",
        `Nothing was imported: document ${error.index}${error.kind ? ` (${error.kind}${error.name ? ` ${error.name}` : ""})` : ""}${error.path ? `, ${error.path}` : ""}: ${error.message}`,
      );
    }
    const refusal = plan.items.find((item) => item.action === "refused");
    if (refusal) {
      throw new AppError(
        "BAD_REQUEST",
        `Nothing was imported: ${refusal.kind} ${refusal.name} is refused: ${refusal.reason ?? ""}`,
      );
    }
    const apply: TApplyContext = {
      ctx: txCtx,
      state,
      stream,
      items: new Map(plan.items.map((item) => [item.index, item])),
      claimIds: new Map(state.claims.map((c) => [c.name, c.id])),
      environmentIds: new Map(state.environments.map((e) => [e.name, e.id])),
    };
    await applyClaims(apply);
    await applyEnvironments(apply);
    await applyApplications(apply);
    await applyComponents(apply);
    await applySnapshots(apply);
    await applyBindings(apply);
    const count = (action: string) => plan.items.filter((item) => item.action === action).length;
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "declarative.import",
      targetType: "space",
      targetId: ctx.space.name,
      after: {
        created: count("create"),
        updated: count("update"),
        unchanged: count("unchanged"),
        objects: plan.items
          .filter((item) => item.action !== "unchanged")
          .map((item) => `${item.action} ${item.kind} ${item.name}`),
      },
    });
    return plan;
  });
}
