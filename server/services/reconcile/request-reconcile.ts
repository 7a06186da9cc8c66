// Services ask for a reconcile by key inside the transaction that changed the row: NOTIFY is
// delivered only on commit (Postgres and PGlite alike), so a rolled-back change wakes nobody,
// and every Slipway process LISTENing on the channel picks it up at once.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export const RECONCILE_CHANNEL = "slipway_reconcile";

export const RECONCILE_KINDS = [
  "cluster",
  "environment",
  "workspace",
  "target",
  "claim",
  "binding",
  "promotion",
] as const;
export type TReconcileKind = (typeof RECONCILE_KINDS)[number];
/** "environment/<uuid>" and so on. */
export type TReconcileKey = `${TReconcileKind}/${string}`;

export function reconcileKey(kind: TReconcileKind, id: string): TReconcileKey {
  return `${kind}/${id}`;
}

export function parseReconcileKey(key: string): { kind: TReconcileKind; id: string } | null {
  const slash = key.indexOf("/");
  const kind = key.slice(0, slash) as TReconcileKind;
  const id = key.slice(slash + 1);
  if (slash < 0 || !RECONCILE_KINDS.includes(kind) || id === "") return null;
  return { kind, id };
}

export async function requestReconcile(db: Db, keys: readonly TReconcileKey[]): Promise<void> {
  // Postgres folds identical notifications within a transaction; one statement for all keys.
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  const notifications = unique.map((key) => sql`pg_notify(${RECONCILE_CHANNEL}, ${key})`);
  await db.execute(sql`select ${sql.join(notifications, sql`, `)}`);
}
