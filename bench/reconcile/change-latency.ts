// Change committed → object applied: edits one environment's quota at a time (a row update that
// bumps the generation and requests its reconcile in the same transaction, as the environment
// service does) and times until a watch on the cluster delivers the ResourceQuota carrying the new
// value. Both timestamps come from this process's monotonic clock: the first when the transaction
// has committed, the second when the watch event arrives.
import { performance } from "node:perf_hooks";
import { KubernetesObjectApi, Watch, type V1ResourceQuota } from "@kubernetes/client-node";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { environments } from "../../db/schema";
import type { TClusterConnection } from "../../server/k8s/connection";
import { KeepAliveKubeConfig } from "../../server/k8s/keep-alive-kube-config";
import { MANAGED_SELECTOR } from "../../server/k8s/labels";
import { reconcileKey, requestReconcile } from "../../server/services/reconcile/request-reconcile";
import type { TSeededEnvironment } from "./seed";

const TIMEOUT_MS = 30_000;

/** Milliseconds per change, in the order made. */
export async function measureChangeLatency(
  db: Db,
  connection: TClusterConnection,
  targets: readonly TSeededEnvironment[],
  changes: number,
): Promise<number[]> {
  const kubeConfig = new KeepAliveKubeConfig(connection);
  // namespace → the pods value awaited there, and who to tell when it arrives.
  const awaited = new Map<string, { pods: string; arrived: (at: number) => void }>();
  const list = await KubernetesObjectApi.makeApiClient(kubeConfig).list(
    "v1",
    "ResourceQuota",
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    MANAGED_SELECTOR,
    1,
  );
  const watch = await new Watch(kubeConfig).watch(
    "/api/v1/resourcequotas",
    { labelSelector: MANAGED_SELECTOR, resourceVersion: list.metadata?.resourceVersion },
    (_phase, object: V1ResourceQuota) => {
      const at = performance.now();
      const namespace = object.metadata?.namespace ?? "";
      const wanted = awaited.get(namespace);
      if (wanted && object.spec?.hard?.pods === wanted.pods) wanted.arrived(at);
    },
    () => undefined,
  );
  try {
    const latencies: number[] = [];
    for (let i = 0; i < changes; i += 1) {
      // Spread over the environments; a fresh value each time so every change is a real write.
      const target = targets[(i * 7919) % targets.length];
      if (!target) break;
      const pods = String(100 + i);
      const arrived = new Promise<number>((resolve, reject) => {
        awaited.set(target.namespace, { pods, arrived: resolve });
        const what = `no quota change seen in ${target.namespace} within ${TIMEOUT_MS / 1000} s`;
        setTimeout(() => reject(new Error(what)), TIMEOUT_MS).unref();
      });
      await db.transaction(async (tx) => {
        await tx
          .update(environments)
          .set({
            quota: sql`${environments.quota} || ${JSON.stringify({ pods })}::jsonb`,
            generation: sql`${environments.generation} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(environments.id, target.id));
        await requestReconcile(tx, [reconcileKey("environment", target.id)]);
      });
      const committed = performance.now();
      latencies.push((await arrived) - committed);
      awaited.delete(target.namespace);
    }
    return latencies;
  } finally {
    watch.abort();
    kubeConfig.destroy();
  }
}
