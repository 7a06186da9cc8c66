// Work that waits for another row to be Ready is woken when that row's readiness changes, in the
// transaction that records the change, rather than at the next resync: a binding's Applications
// follow its environment becoming Ready (first placement, a claim bound, a move to another
// namespace or cluster, which bumps the generation), and report it when it stops being Ready (a
// claim lost).
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { snapshotEnvironmentBindings } from "@/db/schema";
import { isReady, type TReconcileStatus } from "@/lib/conditions";
import { RECONCILE_CHANNEL } from "@/server/services/reconcile/request-reconcile";
import type { TStatusTableKind } from "./status";

type TWake = (tx: Db, id: string) => Promise<void>;

/** Every binding of the environment, in one statement (NOTIFY is delivered on commit). */
async function wakeEnvironmentBindings(tx: Db, environmentId: string): Promise<void> {
  const b = snapshotEnvironmentBindings;
  await tx.execute(
    sql`select pg_notify(${RECONCILE_CHANNEL}, 'binding/' || ${b.id}::text) from ${b}
        where ${eq(b.environmentId, environmentId)}`,
  );
}

const DEPENDENTS: Partial<Record<TStatusTableKind, TWake>> = {
  environment: wakeEnvironmentBindings,
};

/** What to wake when a row of `kind` goes from `before` to `after`, or undefined for nothing. */
export function dependentsToWake(
  kind: TStatusTableKind,
  generation: number,
  before: TReconcileStatus,
  after: TReconcileStatus,
): TWake | undefined {
  const wake = DEPENDENTS[kind];
  if (!wake) return undefined;
  // Judged at the current generation: Ready for an older placement is not Ready for this one.
  return isReady(before, generation) !== isReady(after, generation) ? wake : undefined;
}
