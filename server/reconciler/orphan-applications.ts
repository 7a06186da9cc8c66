// Moving a binding to another Argo CD (a hub named, changed or removed) must not take its workload
// down. The Applications Slipway writes carry Argo CD's resources finalizer, so deleting one on the
// former Argo CD would make that Argo CD delete everything it deployed — while the new Argo CD
// deploys the same objects. Taking the finalizer off first is Argo CD's non-cascading delete: the
// former Argo CD forgets the Application and leaves its resources for the new one to adopt (same
// Application name, same tracking label).
import { PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import type { TClusterClient } from "@/server/k8s/client-pool";
import { FIELD_MANAGER, type TOwner } from "@/server/k8s/labels";
import { ARGO_APPLICATION_KIND } from "@/server/k8s/managed-kinds";
import { RESOURCES_FINALIZER } from "@/server/k8s/manifests/argo-application";
import { listOwnedObjects } from "@/server/k8s/owned-objects";
import { retryOnStaleConnection } from "@/server/k8s/stale-connection";

/** Takes the resources finalizer off the owner's Applications on `client`'s cluster. */
export async function orphanOwnedApplications(
  client: TClusterClient,
  owner: TOwner,
): Promise<void> {
  const applications = await listOwnedObjects(client, owner, [ARGO_APPLICATION_KIND]);
  for (const application of applications) {
    const finalizers = application.metadata?.finalizers ?? [];
    if (!finalizers.includes(RESOURCES_FINALIZER)) continue;
    const patch = {
      apiVersion: application.apiVersion,
      kind: application.kind,
      metadata: {
        name: application.metadata?.name,
        namespace: application.metadata?.namespace,
        // Guarded: a finalizer another party added meanwhile is not dropped by a stale list.
        resourceVersion: application.metadata?.resourceVersion,
        finalizers: finalizers.filter((f) => f !== RESOURCES_FINALIZER),
      },
    };
    await retryOnStaleConnection(client, () =>
      client.objects.patch(
        patch as KubernetesObject,
        undefined,
        undefined,
        FIELD_MANAGER,
        undefined,
        PatchStrategy.MergePatch,
      ),
    );
  }
}
