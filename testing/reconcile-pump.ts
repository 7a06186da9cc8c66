// A tiny stand-in for the reconciler's work queue in tests of single reconcile functions: it
// LISTENs for reconcile requests, runs the matching function for each key (coalescing repeats),
// re-runs keys that asked to be looked at again soon, and stops when a condition holds.
import type { DatabaseHandle } from "../db/client";
import {
  parseReconcileKey,
  RECONCILE_CHANNEL,
  type TReconcileKind,
} from "../server/services/reconcile/request-reconcile";

type TRunner = (
  id: string,
) => Promise<{ kind: "done" } | { kind: "requeueAfter"; ms: number } | { kind: "error" }>;

/** Keys asking to come back within this long are re-run at once (a namespace terminating). */
const SOON_MS = 5_000;

export async function startReconcilePump(
  handle: DatabaseHandle,
  runners: Partial<Record<TReconcileKind, TRunner>>,
) {
  const queue = new Set<string>();
  const stop = await handle.listen(RECONCILE_CHANNEL, (key) => queue.add(key));

  async function step(): Promise<void> {
    const keys = [...queue];
    queue.clear();
    for (const key of keys) {
      const parsed = parseReconcileKey(key);
      const run = parsed && runners[parsed.kind];
      if (!parsed || !run) continue;
      const outcome = await run(parsed.id);
      // A failure is retried on the next step, as the work queue's backoff would (sooner).
      if (outcome.kind === "error" || (outcome.kind === "requeueAfter" && outcome.ms < SOON_MS)) {
        queue.add(key);
      }
    }
  }

  return {
    enqueue: (key: string) => queue.add(key),
    /** Runs queued keys until `done` holds; fails after `bound` ms rather than waiting forever. */
    async until(done: () => Promise<boolean>, bound = 30_000): Promise<void> {
      const deadline = Date.now() + bound;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error("the reconcile pump did not converge in time");
        await step();
        // Let notifications of the last commits arrive.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop,
  };
}
