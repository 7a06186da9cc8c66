import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { AppError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import { applyApplications } from "./kinds/application";
import { applyComponents } from "./kinds/component";
import { applyClaims } from "./kinds/deployment-target-claim";
import { applyEnvironments } from "./kinds/environment";
import { DocumentRefused } from "./kinds/kind-context";
import { applyPromotionRuns } from "./kinds/promotion-run";
import { applySnapshots } from "./kinds/snapshot";
import { applyBindings } from "./kinds/snapshot-environment-binding";
import { planStream } from "./plan-stream";
import type { TPlan } from "./plan-types";
import { readStream } from "./read-stream";
import { loadSpaceState } from "./space-state";

/** Why nothing was imported, naming the document. */
function refusal(plan: TPlan): string | null {
  const [error] = plan.errors;
  if (error) {
    const what = error.kind ? ` (${error.kind}${error.name ? ` ${error.name}` : ""})` : "";
    return `document ${error.index}${what}${error.path ? `, ${error.path}` : ""}: ${error.message}`;
  }
  const refused = plan.items.find((item) => item.action === "refused");
  return refused
    ? `document ${refused.index} (${refused.kind} ${refused.name}) is refused: ${refused.reason ?? ""}`
    : null;
}

/**
 * Plans the YAML under the space lock and applies the plan on `ctx` (a transaction): claims,
 * environments (parents first), applications with their new components, other components,
 * snapshots, bindings, then promotion runs as history (written finished, never started). Each object goes through its own service — its checks, its audit record,
 * its reconcile request — and one more audit record sums the import up.
 */
export async function planAndApply(ctx: TSpaceContext, yaml: string): Promise<TPlan> {
  await lockSpaceForChange(ctx, "contributor");
  const { stream, errors } = readStream(yaml);
  const state = await loadSpaceState(ctx.db, ctx.space.id);
  const plan = planStream(state, stream, errors);
  const problem = refusal(plan);
  if (problem) throw new AppError("BAD_REQUEST", `Nothing was imported: ${problem}`);
  const apply = {
    ctx,
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
  await applyPromotionRuns(apply);
  const count = (action: string) => plan.items.filter((item) => item.action === action).length;
  await recordAuditEvent(ctx, {
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
}

/**
 * declarative.import: plans the YAML again inside the transaction — so what is applied is what
 * was validated against the space as it is now — and applies it, all or nothing.
 */
export async function applyImport(ctx: TSpaceContext, input: { yaml: string }): Promise<TPlan> {
  try {
    return await ctx.db.transaction((tx) => planAndApply(inTransaction(ctx, tx), input.yaml));
  } catch (error) {
    if (error instanceof DocumentRefused) {
      // The message names the document; the service's field names mean nothing to the YAML.
      throw new AppError(error.refusal.code, `Nothing was imported: ${error.message}`);
    }
    throw error;
  }
}
