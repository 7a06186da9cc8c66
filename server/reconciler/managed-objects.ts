// The managed_object rows of an owner: each object the reconciler applied, with what the cluster
// last said of it (shown as YAML on the owner's page) or why applying it failed. A row is
// rewritten only when the object changed (its resourceVersion) or its health did.
import type { KubernetesObject } from "@kubernetes/client-node";
import { and, eq, inArray, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { managedObjects } from "@/db/schema";
import type { TApplyResult } from "@/server/k8s/apply";
import type { TKubernetesError } from "@/server/k8s/kubernetes-error";
import { identity, objectIdentity } from "./object-identity";
import { redactSecret } from "./redact-secret";

/**
 * The object as shown to people: `wire` is in the wire shape (`default`, `from`, as kubectl prints
 * it; what applyObjects answers), shown without managedFields, which only the API server needs, and
 * a Secret without its values (every stored or shown object passes here, so none is ever kept).
 */
export function observedObject(wire: KubernetesObject): Record<string, unknown> {
  const { managedFields: _managedFields, ...metadata } = wire.metadata ?? {};
  return redactSecret({ ...wire, metadata });
}

type TManagedObjectRow = typeof managedObjects.$inferSelect;

/** What a pass needs of an owner's rows: which objects it recorded, and how they fared. */
export type TManagedObjectState = Pick<
  TManagedObjectRow,
  | "id"
  | "apiVersion"
  | "kind"
  | "namespace"
  | "name"
  | "uid"
  | "resourceVersion"
  | "health"
  | "message"
>;

/**
 * The owner's rows as JSON inside a larger select, so a pass reads its row and its objects in one
 * statement: `managedObjectStates(key)` as a column.
 */
export function managedObjectStates(ownerKey: string | Placeholder) {
  return sql<TManagedObjectState[]>`coalesce((
    select json_agg(json_build_object(
      'id', ${managedObjects.id}, 'apiVersion', ${managedObjects.apiVersion}, 'kind', ${managedObjects.kind},
      'namespace', ${managedObjects.namespace}, 'name', ${managedObjects.name},
      'uid', ${managedObjects.uid}, 'resourceVersion', ${managedObjects.resourceVersion},
      'health', ${managedObjects.health}, 'message', ${managedObjects.message}))
    from ${managedObjects} where ${managedObjects.ownerKey} = ${ownerKey}), '[]'::json)`;
}

export async function loadManagedObjectStates(
  db: Db,
  ownerKey: string,
): Promise<TManagedObjectState[]> {
  return db
    .select({
      id: managedObjects.id,
      apiVersion: managedObjects.apiVersion,
      kind: managedObjects.kind,
      namespace: managedObjects.namespace,
      name: managedObjects.name,
      uid: managedObjects.uid,
      resourceVersion: managedObjects.resourceVersion,
      health: managedObjects.health,
      message: managedObjects.message,
    })
    .from(managedObjects)
    .where(eq(managedObjects.ownerKey, ownerKey));
}

/**
 * The writes that record apply results and drop rows of objects no longer desired, for the pass to
 * send with its status (TStatusRow.alongside). `existing` is the owner's rows as the pass read them
 * (one worker at a time writes an owner's rows: its cluster lease); only rows whose object or
 * health changed are written.
 */
export function managedObjectWrites(
  ownerKey: string,
  clusterId: string,
  results: readonly TApplyResult[],
  message: (error: TKubernetesError) => string,
  existing: readonly TManagedObjectState[],
): SQL[] {
  const byIdentity = new Map(existing.map((row) => [identity(row), row]));
  const desired = new Set(results.map((r) => objectIdentity(r.desired)));
  const stale = existing.filter((row) => !desired.has(identity(row))).map((row) => row.id);
  const writes: SQL[] = [];
  if (stale.length > 0) {
    const ids = sql.join(
      stale.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    writes.push(sql`delete from ${managedObjects} where id in (${ids})`);
  }
  const observedAt = new Date();
  const changed = results.flatMap(({ desired: object, applied, error }): TChangedRow[] => {
    const row = byIdentity.get(objectIdentity(object));
    const health = error ? "Failed" : "Applied";
    const resourceVersion = applied?.metadata?.resourceVersion ?? row?.resourceVersion ?? null;
    const text = error ? message(error) : "";
    if (
      row &&
      row.health === health &&
      row.resourceVersion === resourceVersion &&
      row.message === text
    ) {
      return [];
    }
    return [
      {
        api_version: object.apiVersion ?? "",
        kind: object.kind ?? "",
        namespace: object.metadata?.namespace ?? "",
        name: object.metadata?.name ?? "",
        uid: applied?.metadata?.uid ?? row?.uid ?? null,
        resource_version: resourceVersion,
        health,
        message: text,
        // A failed apply keeps what the cluster last showed of the object (see the upsert).
        observed: applied ? observedObject(applied) : null,
      },
    ];
  });
  if (changed.length > 0)
    writes.push(upsertManagedObjects(ownerKey, clusterId, changed, observedAt));
  return writes;
}

/** managedObjectWrites, sent now: for passes that end without a status write to join. */
export async function recordManagedObjects(
  db: Db,
  ...args: Parameters<typeof managedObjectWrites>
): Promise<void> {
  for (const write of managedObjectWrites(...args)) await db.execute(write);
}

/** A changed row as the upsert reads it (jsonb_to_recordset: column names as keys). */
interface TChangedRow {
  api_version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string | null;
  resource_version: string | null;
  health: TManagedObjectState["health"];
  message: string;
  observed: Record<string, unknown> | null;
}

/**
 * One statement for the whole pass, not one per object. The rows travel as one JSON parameter
 * (jsonb_to_recordset) rather than as drizzle's `insert().values()`: building that statement, with
 * a parameter per column per row, cost about a millisecond of CPU per pass — as much as the
 * applies' own client work.
 */
function upsertManagedObjects(
  ownerKey: string,
  clusterId: string,
  rows: readonly TChangedRow[],
  observedAt: Date,
) {
  const m = managedObjects;
  return sql`
    insert into ${m} (owner_key, cluster_id, api_version, kind, namespace, name, uid, resource_version, health, message, observed, observed_at)
    select ${ownerKey}, ${clusterId}::uuid, r.api_version, r.kind, r.namespace, r.name, r.uid,
      r.resource_version, r.health, r.message, r.observed,
      case when r.observed is null then null else ${observedAt.toISOString()}::timestamptz end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(api_version text, kind text,
      namespace text, name text, uid text, resource_version text, health text, message text,
      observed jsonb)
    on conflict (owner_key, api_version, kind, namespace, name) do update set
      cluster_id = excluded.cluster_id,
      uid = excluded.uid,
      resource_version = excluded.resource_version,
      health = excluded.health,
      message = excluded.message,
      observed = coalesce(excluded.observed, ${m}.observed),
      observed_at = coalesce(excluded.observed_at, ${m}.observed_at)`;
}

/** Marks the owner's objects as gone from the cluster, saying why (once: no write when already). */
export async function markManagedObjectsMissing(
  db: Db,
  ownerKey: string,
  message: string,
): Promise<void> {
  await db
    .update(managedObjects)
    .set({ health: "Missing", message })
    .where(
      and(
        eq(managedObjects.ownerKey, ownerKey),
        inArray(managedObjects.health, ["Applied", "Failed"]),
      ),
    );
}

/** Marks every object of an owner as being deleted (once). */
export async function markManagedObjectsDeleting(db: Db, ownerKey: string): Promise<void> {
  await db
    .update(managedObjects)
    .set({ health: "Deleting" })
    .where(
      and(
        eq(managedObjects.ownerKey, ownerKey),
        inArray(managedObjects.health, ["Applied", "Failed", "Missing"]),
      ),
    );
}
