// Hub topology, on the hub's own pass (under its lease): one Argo CD cluster Secret in the hub's
// Argo CD namespace per cluster that names it as hub, so the hub's Argo CD can reach them; Secrets
// of clusters that no longer do are pruned. Re-applied each check (a no-op apply writes nothing),
// so rotated credentials reach the hub within a minute even if no wake-up arrived. Each Secret is
// recorded as a managed object of the hub (without its values; a row is written only on change).
import { and, eq, isNull } from "drizzle-orm";
import { clusters } from "@/db/schema";
import { applyObjects, pruneObjects } from "@/server/k8s/apply";
import { ownerKey, type TOwner } from "@/server/k8s/labels";
import { explainKubernetesError } from "@/server/k8s/explain-error";
import { buildArgoClusterSecret } from "@/server/k8s/manifests/argo-cluster-secret";
import { connectionColumns } from "@/server/services/clusters/load-cluster-connection";
import {
  connectionOfRow,
  type TConnectionRow,
} from "@/server/services/clusters/cluster-credentials";
import type { TReconcileContext } from "./controller";
import { loadManagedObjectStates, recordManagedObjects } from "./managed-objects";
import { clientFor } from "./namespace-owner";

const SECRET_KIND = { apiVersion: "v1", kind: "Secret", plural: "secrets", namespaced: true };

/** Returns the first failure in plain words, or undefined when every Secret is in place. */
export async function applyHubClusterSecrets(
  ctx: TReconcileContext,
  hub: TConnectionRow & { argoCdNamespace: string | null },
): Promise<string | undefined> {
  if (!hub.argoCdNamespace) return undefined;
  const spokes = await ctx.db
    .select({
      ...connectionColumns,
      namespaces: clusters.namespaces,
      clusterResources: clusters.clusterResources,
    })
    .from(clusters)
    .where(and(eq(clusters.hubClusterId, hub.id), isNull(clusters.deletionRequestedAt)));
  const owner: TOwner = { kind: "cluster", id: hub.id };
  const secrets = spokes.map((spoke) =>
    buildArgoClusterSecret({
      ownership: { owner },
      argoCdNamespace: hub.argoCdNamespace!,
      connection: connectionOfRow(spoke),
      namespaces: spoke.namespaces,
      clusterResources: spoke.clusterResources,
    }),
  );
  const client = await clientFor(ctx, hub.id, hub);
  const results = await applyObjects(client, secrets);
  // Recorded (redacted) as the hub's managed objects: its admin page shows them and why one failed.
  const key = ownerKey(owner);
  await recordManagedObjects(
    ctx.db,
    key,
    hub.id,
    results,
    (e) => explainKubernetesError(e.cause).message,
    await loadManagedObjectStates(ctx.db, key),
  );
  const failed = results.find((r) => r.error !== undefined);
  if (failed?.error) {
    const name = failed.desired.metadata?.name ?? "";
    return `Argo CD cluster Secret ${name}: ${explainKubernetesError(failed.error.cause).message}`;
  }
  const pruned = await pruneObjects(client, owner, secrets, [SECRET_KIND], hub.argoCdNamespace);
  const [failedPrune] = pruned.failed;
  if (!failedPrune) return undefined;
  return `pruning Argo CD cluster Secret ${failedPrune.ref.name}: ${explainKubernetesError(failedPrune.error.cause).message}`;
}
