// stand-in until k8s-apply lands (server/k8s/apply.ts)
import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import { ObjectSerializer } from "@kubernetes/client-node/dist/serializer.js";
import { getSerializationType } from "@kubernetes/client-node/dist/util.js";
import type { TClusterClient } from "./client-pool";
import { FIELD_MANAGER, ownerSelector, type TOwner } from "./labels";
import type { TManagedKind } from "./managed-kinds";

export interface TApplyResult {
  desired: KubernetesObject;
  applied?: KubernetesObject;
  error?: unknown;
}

const CONCURRENCY = 8;

// client-node serialises a built-in kind through its typed model, which reads `_default`, `_from`
// (and so on) where the wire has `default`, `from`: a plain manifest would silently lose those
// fields (a LimitRange's defaults; a NetworkPolicy's `from`, which then allows all ingress). So
// convert to the model on the way out and back to the wire shape on the way in.
const typeOf = (o: KubernetesObject) => getSerializationType(o.apiVersion, o.kind);
export const toModel = (o: KubernetesObject) =>
  ObjectSerializer.deserialize(o, typeOf(o)) as KubernetesObject;
// Through plain JSON first: client-node's generic KubernetesObject instance would serialise
// itself without the kind's renames.
export const toWire = (o: KubernetesObject) =>
  ObjectSerializer.serialize(JSON.parse(JSON.stringify(o)), typeOf(o)) as KubernetesObject;

async function applyOne(client: TClusterClient, desired: KubernetesObject): Promise<TApplyResult> {
  try {
    const applied = await client.objects.patch(
      toModel(desired),
      undefined,
      undefined,
      FIELD_MANAGER,
      true,
      PatchStrategy.ServerSideApply,
    );
    return { desired, applied: toWire(applied) };
  } catch (error) {
    return { desired, error };
  }
}

/** Cluster-scoped objects (the Namespace) first, then the rest with bounded concurrency. */
export async function applyObjects(
  client: TClusterClient,
  objects: readonly KubernetesObject[],
): Promise<TApplyResult[]> {
  const first = objects.filter((o) => !o.metadata?.namespace);
  const rest = objects.filter((o) => o.metadata?.namespace);
  const results: TApplyResult[] = [];
  for (const o of first) results.push(await applyOne(client, o));
  for (let i = 0; i < rest.length; i += CONCURRENCY) {
    results.push(
      ...(await Promise.all(rest.slice(i, i + CONCURRENCY).map((o) => applyOne(client, o)))),
    );
  }
  return results;
}

const identity = (o: KubernetesObject) =>
  `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;

async function listOwned(client: TClusterClient, owner: TOwner, kinds: readonly TManagedKind[]) {
  const found: KubernetesObject[] = [];
  for (const k of kinds) {
    const list = await client.objects.list(
      k.apiVersion,
      k.kind,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      ownerSelector(owner),
    );
    for (const item of list.items) found.push({ ...item, apiVersion: k.apiVersion, kind: k.kind });
  }
  return found;
}

/** Deletes owned objects that are not in `keep`; returns what it deleted. */
export async function pruneObjects(
  client: TClusterClient,
  owner: TOwner,
  keep: readonly KubernetesObject[],
  kinds: readonly TManagedKind[],
): Promise<KubernetesObject[]> {
  const wanted = new Set(keep.map(identity));
  const stale = (await listOwned(client, owner, kinds)).filter((o) => !wanted.has(identity(o)));
  for (const o of stale)
    await client.objects.delete(o, undefined, undefined, undefined, undefined, "Background");
  return stale;
}

/** Asks for every owned object to go; `remaining` counts those still there (e.g. terminating). */
export async function deleteOwnedObjects(
  client: TClusterClient,
  owner: TOwner,
  kinds: readonly TManagedKind[],
): Promise<{ remaining: number }> {
  const owned = await listOwned(client, owner, kinds);
  for (const o of owned.filter((o) => !o.metadata?.deletionTimestamp)) {
    await client.objects.delete(o, undefined, undefined, undefined, undefined, "Background");
  }
  return { remaining: owned.length };
}
