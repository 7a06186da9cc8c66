// Work that waits for another row to be Ready is woken when that row's readiness changes, by the
// statement that records the change, rather than at the next resync: a binding's Applications
// follow its environment becoming Ready (first placement, a claim bound, a move to another
// namespace or cluster, which bumps the generation), and report it when it stops being Ready (a
// claim lost).
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, snapshotEnvironmentBindings } from "@/db/schema";
import { isReady, type TReconcileStatus } from "@/lib/conditions";
import { RECONCILE_CHANNEL } from "@/server/services/reconcile/request-reconcile";
import type { TStatusTableKind } from "./status";

/**
 * A scalar SQL expression that notifies the dependents of row `id` (and yields how many): the
 * status update returns it, so the status and the wake-up are one statement — they commit
 * together, and the pass pays no extra round trips (NOTIFY is delivered on commit).
 */
type TWake = (id: string) => SQL;

/** Every binding of the environment. */
const wakeEnvironmentBindings: TWake = (environmentId) => {
  const b = snapshotEnvironmentBindings;
  return sql`(select count(pg_notify(${RECONCILE_CHANNEL}, 'binding/' || ${b.id}::text)) from ${b}
    where ${eq(b.environmentId, environmentId)})`;
};

/**
 * Every binding of an environment on the cluster: its Argo CD moved (a hub set, changed or
 * removed), so their Applications must move with it. One statement; delivered on commit.
 */
export async function wakeClusterBindings(tx: Db, clusterId: string): Promise<void> {
  const b = snapshotEnvironmentBindings;
  await tx.execute(
    sql`select pg_notify(${RECONCILE_CHANNEL}, 'binding/' || ${b.id}::text) from ${b}
        join ${environments} on ${eq(environments.id, b.environmentId)}
        where ${eq(environments.clusterId, clusterId)}`,
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
