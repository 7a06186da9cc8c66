import { inTransaction, type TSpaceContext } from "../context";
import { planAndApply } from "./apply-import";
import { DocumentRefused } from "./kinds/kind-context";
import type { TPlan } from "./plan-types";
import { planStream } from "./plan-stream";
import { readStream } from "./read-stream";
import { loadSpaceState } from "./space-state";

/** Rolls back the dry run of an applicable plan once it went through. */
class DryRunDone extends Error {}

/**
 * declarative.plan: reads, validates and plans the YAML. A plan with nothing refused is then
 * applied and rolled back, so what only the services check (quota ceilings, one dev environment
 * per space, a namespace in use) shows against its document now rather than on import. Nothing is
 * written: the rollback takes the rows, the audit records and the reconcile requests with it.
 */
export async function planImport(ctx: TSpaceContext, input: { yaml: string }): Promise<TPlan> {
  const { stream, errors } = readStream(input.yaml);
  const plan = planStream(await loadSpaceState(ctx.db, ctx.space.id), stream, errors);
  if (!plan.applicable) return plan;
  try {
    await ctx.db.transaction(async (tx) => {
      await planAndApply(inTransaction(ctx, tx), input.yaml);
      throw new DryRunDone();
    });
  } catch (error) {
    if (error instanceof DocumentRefused) {
      const { item, refusal } = error;
      const fields = Object.entries(refusal.fieldErrors ?? {});
      const messages = fields.length > 0 ? fields.flatMap(([, m]) => m) : [refusal.message];
      const found = messages.map((message) => ({
        index: item.index,
        kind: item.kind,
        name: item.name,
        path: "",
        message,
      }));
      return { ...plan, errors: found, applicable: false };
    }
    if (!(error instanceof DryRunDone)) throw error;
  }
  return plan;
}
