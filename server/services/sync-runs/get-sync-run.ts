import type { TSyncRunRef } from "@/lib/validators/sync-run";
import type { TSpaceContext } from "../context";
import { loadSyncRun } from "./sync-run-row";

/** One sync run of the space, with its deployment's names. */
export function getSyncRun(ctx: TSpaceContext, input: Omit<TSyncRunRef, "space">) {
  return loadSyncRun(ctx.db, ctx.space.id, input.id);
}
