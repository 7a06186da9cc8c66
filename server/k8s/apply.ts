// Server-side apply of desired objects, prune of what is no longer desired, and cleanup of
// everything an owner made. One field manager (FIELD_MANAGER) with force: Slipway is the
// authority over the fields it sets; fields others set and Slipway does not are left alone.
// An unchanged apply is one request and no write (same resourceVersion, no watch event).
import type { KubernetesObject } from "@kubernetes/client-node";
import type { TClusterClient } from "./client-pool";
import { mapWithConcurrency } from "./concurrency";
import { kubernetesErrorOf, type TKubernetesError } from "./kubernetes-error";
import { FIELD_MANAGER, type TOwner } from "./labels";
import { MANAGED_KINDS, type TManagedKind } from "./managed-kinds";
import { refKey, refOf, type TObjectRef } from "./object-ref";
import { retryOnStaleConnection } from "./stale-connection";
import { deleteObjects, listOwnedObjects, type TDeleteResult } from "./owned-objects";
import { toWireShape } from "./wire-shape";

export interface TApplyResult {
  desired: KubernetesObject;
  /** The object as the server holds it after the apply, in the wire shape (as a watch has it). */
  applied?: KubernetesObject;
  error?: TKubernetesError;
}

export interface TApplyOptions {
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /**
   * The same objects in the wire shape (toWireShape), in the same order, when the caller made them
   * anyway; else each is converted here.
   */
  wire?: readonly KubernetesObject[];
}

const DEFAULT_CONCURRENCY = 8;

/**
 * Applies every object and reports each outcome; one failure never stops the others. Namespaces
 * go first (a namespaced object in a missing namespace is refused); objects whose namespace
 * failed are not sent and carry that namespace's error.
 */
export async function applyObjects(
  client: TClusterClient,
  objects: readonly KubernetesObject[],
  options: TApplyOptions = {},
): Promise<TApplyResult[]> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const wire = new Map(objects.map((o, i) => [o, options.wire?.[i] ?? toWireShape(o)]));
  const wireOf = (o: KubernetesObject) => wire.get(o) as KubernetesObject;
  const namespaces = objects.filter((o) => o.kind === "Namespace");
  const others = objects.filter((o) => o.kind !== "Namespace");
  const namespaceResults = await mapWithConcurrency(namespaces, concurrency, (o) =>
    applyOne(client, o, wireOf(o)),
  );
  const failedNamespaces = new Map(
    namespaceResults.flatMap((r) => (r.error ? [[r.desired.metadata?.name, r.error]] : [])),
  );
  const otherResults = await mapWithConcurrency(others, concurrency, (desired) => {
    const namespaceError = failedNamespaces.get(desired.metadata?.namespace);
    if (namespaceError) {
      return Promise.resolve({
        desired,
        error: { ...namespaceError, message: `namespace not applied: ${namespaceError.message}` },
      });
    }
    return applyOne(client, desired, wireOf(desired));
  });
  const byObject = new Map<KubernetesObject, TApplyResult>();
  [...namespaceResults, ...otherResults].forEach((r) => byObject.set(r.desired, r));
  return objects.map((o) => byObject.get(o) as TApplyResult);
}

async function applyOne(
  client: TClusterClient,
  desired: KubernetesObject,
  wire: KubernetesObject,
): Promise<TApplyResult> {
  try {
    const applied = await retryOnStaleConnection(client, () =>
      client.objects.applyWire(wire, FIELD_MANAGER),
    );
    return { desired, applied };
  } catch (error) {
    return { desired, error: kubernetesErrorOf(error) };
  }
}

export interface TPruneResult {
  deleted: TObjectRef[];
  failed: Required<TDeleteResult>[];
}

/**
 * Deletes the owner's objects of `kinds` that are not in `keep` (compared by apiVersion, kind,
 * namespace and name). Lists cluster-wide unless `namespace` is given. Throws when a list
 * fails; delete failures are reported per object.
 */
export async function pruneObjects(
  client: TClusterClient,
  owner: TOwner,
  keep: readonly KubernetesObject[],
  kinds: readonly TManagedKind[] = MANAGED_KINDS,
  namespace?: string,
): Promise<TPruneResult> {
  const owned = await listOwnedObjects(client, owner, kinds, namespace);
  return pruneKnownObjects(client, owned, keep);
}

/**
 * Deletes those of `owned` (the owner's objects, as a list or a watch cache saw them) that are
 * not in `keep`; objects already being deleted are left to finish.
 */
export async function pruneKnownObjects(
  client: TClusterClient,
  owned: readonly KubernetesObject[],
  keep: readonly KubernetesObject[],
): Promise<TPruneResult> {
  const wanted = new Set(keep.map((o) => refKey(refOf(o))));
  const unwanted = owned.filter(
    (o) => !wanted.has(refKey(refOf(o))) && !o.metadata?.deletionTimestamp,
  );
  if (unwanted.length === 0) return { deleted: [], failed: [] };
  return splitDeleteResults(await deleteObjects(client, unwanted));
}

/**
 * Deletes everything the owner has. Deleting its Namespaces takes their contents with them, so
 * only objects outside those are deleted one by one. `remaining` counts what is still there
 * afterwards (a namespace stays while it is Terminating): call again until it is 0.
 */
export async function deleteOwnedObjects(
  client: TClusterClient,
  owner: TOwner,
  kinds: readonly TManagedKind[] = MANAGED_KINDS,
): Promise<TPruneResult & { remaining: number }> {
  const owned = await listOwnedObjects(client, owner, kinds);
  const namespaces = new Set(
    owned.filter((o) => o.kind === "Namespace").map((o) => o.metadata?.name),
  );
  const toDelete = owned.filter(
    (o) =>
      !o.metadata?.deletionTimestamp &&
      (o.kind === "Namespace" || !namespaces.has(o.metadata?.namespace)),
  );
  const result = splitDeleteResults(await deleteObjects(client, toDelete));
  const remaining = (await listOwnedObjects(client, owner, kinds)).length;
  return { ...result, remaining };
}

function splitDeleteResults(results: TDeleteResult[]): TPruneResult {
  return {
    deleted: results.filter((r) => !r.error).map((r) => r.ref),
    failed: results.filter((r): r is Required<TDeleteResult> => r.error !== undefined),
  };
}
