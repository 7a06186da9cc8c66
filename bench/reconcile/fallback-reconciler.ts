// FALLBACK — NOT SLIPWAY'S RECONCILER. Stands in for startReconciler (server/reconciler/manager.ts,
// branch `reconciler`, H3) until that branch merges, so the harness, the bare-loop comparison and
// the report can be built and run now. It does the least an environment reconcile does: every key
// at start and on each NOTIFY, load the row and its members, build the objects with
// buildEnvironmentObjects, apply them through the keep-alive pool with applyObjects, and write
// Ready. No leases, informers, prune, backoff, resync, managed_object rows or events — so figures
// measured with it flatter Slipway and must be re-measured with the real reconciler.
// At merge: delete this file and call startReconciler({ handle, workers, holder, log }) in
// slipway-side.ts (its options and `stop()` are shaped alike).
import { and, eq, isNotNull } from "drizzle-orm";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../../db/client";
import { clusters, environments, spaceMembers, spaces, users } from "../../db/schema";
import { setCondition } from "../../lib/conditions";
import { applyObjects } from "../../server/k8s/apply";
import { ClusterClientPool } from "../../server/k8s/client-pool";
import { buildEnvironmentObjects } from "../../server/k8s/manifests/environment-objects";
import {
  parseReconcileKey,
  RECONCILE_CHANNEL,
} from "../../server/services/reconcile/request-reconcile";
import { openCredentialsStandIn } from "./seal-stand-in";

export interface TFallbackOptions {
  handle: DatabaseHandle;
  workers: number;
  holder: string;
  log: Logger;
}

export async function startFallbackReconciler(options: TFallbackOptions) {
  const { db } = options.handle;
  const pool = new ClusterClientPool();
  const queued = new Set<string>();
  let stopped = false;
  const waiting: (() => void)[] = [];
  const wake = () => waiting.splice(0).forEach((resolve) => resolve());

  const reconcile = async (id: string) => {
    const [found] = await db
      .select({ env: environments, spaceName: spaces.name, cluster: clusters })
      .from(environments)
      .innerJoin(spaces, eq(spaces.id, environments.spaceId))
      .innerJoin(clusters, eq(clusters.id, environments.clusterId))
      .where(eq(environments.id, id));
    const namespace = found?.env.namespace;
    if (!found || !namespace) return;
    const { env, spaceName, cluster } = found;
    const members = await db
      .select({ email: users.email, role: spaceMembers.role })
      .from(spaceMembers)
      .innerJoin(users, eq(users.id, spaceMembers.userId))
      .where(and(eq(spaceMembers.spaceId, env.spaceId), isNotNull(users.emailVerified)));
    const client = pool.client({
      clusterId: cluster.id,
      clusterName: cluster.name,
      apiUrl: cluster.apiUrl,
      insecureSkipTlsVerify: cluster.insecureSkipTlsVerify,
      credentials: openCredentialsStandIn(cluster.credentials),
    });
    const results = await applyObjects(
      client,
      buildEnvironmentObjects({
        environmentId: env.id,
        spaceName,
        environmentName: env.name,
        environmentType: env.type,
        namespace,
        quota: env.quota,
        containerLimits: env.containerLimits ?? null,
        members: members.flatMap((m) => (m.email ? [{ email: m.email, role: m.role }] : [])),
        variables: env.variables,
        tags: env.tags,
      }),
    );
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(failed.error?.message);
    const conditions = setCondition(
      env.status.conditions,
      {
        type: "Ready",
        status: "True",
        reason: "Applied",
        message: "",
        observedGeneration: env.generation,
      },
      new Date(),
    );
    await db
      .update(environments)
      .set({ status: { conditions, observedGeneration: env.generation } })
      .where(eq(environments.id, env.id));
  };

  const worker = async () => {
    while (!stopped) {
      const [key] = queued;
      if (key === undefined) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      queued.delete(key);
      const parsed = parseReconcileKey(key);
      if (parsed?.kind !== "environment") continue;
      await reconcile(parsed.id).catch((error: unknown) => {
        options.log.warn({ key, err: error }, "fallback reconcile failed; retrying in 1 s");
        setTimeout(() => enqueue(key), 1_000);
      });
    }
  };
  const enqueue = (key: string) => {
    queued.add(key);
    wake();
  };

  const unlisten = await options.handle.listen(RECONCILE_CHANNEL, enqueue);
  for (const { id } of await db.select({ id: environments.id }).from(environments)) {
    queued.add(`environment/${id}`);
  }
  const running = Array.from({ length: options.workers }, worker);
  wake();
  return {
    holder: options.holder,
    stop: async () => {
      stopped = true;
      await unlisten();
      wake();
      await Promise.all(running);
      pool.close();
    },
  };
}
