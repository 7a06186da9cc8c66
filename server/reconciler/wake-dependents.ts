// Work that waits for another row to be Ready is woken when that row's readiness changes, in the
// transaction that records the change, rather than at the next resync: a binding's Applications
// follow its environment becoming Ready (first placement, a claim bound, a move to another
// namespace or cluster, which bumps the generation), and report it when it stops being Ready (a
// claim lost).
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { environments, snapshotEnvironmentBindings } from "@/db/schema";
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
