// Finding and deleting the objects one owner has on a cluster, by ownership label only.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { TClusterClient } from "./client-pool";
import { mapWithConcurrency } from "./concurrency";
import { isNotFound, kubernetesErrorOf, type TKubernetesError } from "./kubernetes-error";
import { ownerSelector, type TOwner } from "./labels";
import type { TManagedKind } from "./managed-kinds";
import { retryOnStaleConnection } from "./stale-connection";
import { headerOf, refOf, type TObjectRef } from "./object-ref";

const PAGE_SIZE = 500;
const DELETE_CONCURRENCY = 8;

/**
 * Every object of `kinds` labelled as the owner's, cluster-wide or in one namespace. Built-in
 * list items carry no apiVersion/kind, so they are filled in from the kind listed.
 * Throws when a list fails: without a complete picture nothing should be pruned.
 */
export async function listOwnedObjects(
  client: TClusterClient,
  owner: TOwner,
  kinds: readonly TManagedKind[],
  namespace?: string,
): Promise<KubernetesObject[]> {
  const found: KubernetesObject[] = [];
  for (const kind of kinds) {
    let continueToken: string | undefined;
    do {
      const token = continueToken;
      const page = await retryOnStaleConnection(client, () =>
        client.objects.list(
          kind.apiVersion,
          kind.kind,
          kind.namespaced ? namespace : undefined,
          undefined,
          undefined,
          undefined,
          undefined,
          ownerSelector(owner),
          PAGE_SIZE,
          token,
        ),
      );
      for (const item of page.items) {
        found.push({ ...item, apiVersion: kind.apiVersion, kind: kind.kind });
      }
      continueToken = page.metadata?._continue || undefined;
    } while (continueToken);
  }
  return found;
}

export interface TDeleteResult {
  ref: TObjectRef;
  error?: TKubernetesError;
}

/** Deletes objects (background propagation); one already gone counts as deleted. */
export async function deleteObjects(
  client: TClusterClient,
  objects: readonly KubernetesObject[],
): Promise<TDeleteResult[]> {
  return mapWithConcurrency(objects, DELETE_CONCURRENCY, async (object) => {
    const ref = refOf(object);
    try {
      await retryOnStaleConnection(client, () =>
        client.objects.delete(
          headerOf(object),
          undefined,
          undefined,
          undefined,
          undefined,
          "Background",
        ),
      );
      return { ref };
    } catch (error) {
      return isNotFound(error) ? { ref } : { ref, error: kubernetesErrorOf(error) };
    }
  });
}
