// "Live manifest" (Argo CD's word): one object the environment manages, read from its cluster now
// as the person, with the Events about it. Only objects recorded in the environment's
// managed_object rows can be named, so this is no general cluster proxy.
import { CoreV1Api, KubernetesObjectApi } from "@kubernetes/client-node";
import { and, eq } from "drizzle-orm";
import { managedObjects } from "@/db/schema";
import { managedKindOf } from "@/server/k8s/managed-kinds";
import { observedObject } from "@/server/reconciler/managed-objects";
import type { TSpaceContext } from "../context";
import { AppError } from "../errors";
import { reconcileKey } from "../reconcile/request-reconcile";
import { clusterEventOf, newestFirst, type TClusterEvent } from "./cluster-event";
import { loadEnvironment } from "./environment-row";
import { readClusterAsPerson } from "./read-cluster-as-person";

/** Events shown with an object, as `kubectl describe` would show its recent ones. */
export const LIVE_OBJECT_EVENTS = 50;

export interface TLiveObjectInput {
  environment: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface TLiveObject {
  /** Wire shape, without managedFields, a Secret's values redacted: ready to print as YAML. */
  object: Record<string, unknown>;
  events: TClusterEvent[];
}

export async function liveObject(
  ctx: TSpaceContext,
  input: TLiveObjectInput,
): Promise<TLiveObject> {
  const env = await loadEnvironment(ctx.db, ctx.space.id, input.environment);
  const namespace = input.namespace ?? "";
  const { apiVersion, kind, name } = input;
  const [managed] = await ctx.db
    .select({ clusterId: managedObjects.clusterId })
    .from(managedObjects)
    .where(
      and(
        eq(managedObjects.ownerKey, reconcileKey("environment", env.id)),
        eq(managedObjects.apiVersion, apiVersion),
        eq(managedObjects.kind, kind),
        eq(managedObjects.namespace, namespace),
        eq(managedObjects.name, name),
      ),
    );
  const what = `${kind} "${name}"`;
  if (!managed)
    throw new AppError("NOT_FOUND", `${what} is not an object environment "${env.name}" manages.`);
  const resource = managedKindOf(apiVersion, kind)?.plural ?? `${kind.toLowerCase()}s`;
  return readClusterAsPerson(
    ctx,
    {
      clusterId: managed.clusterId,
      environment: env.name,
      request: { verb: "get", resource, name, namespace: namespace || (env.namespace ?? "") },
      notFound: `${what} is not on the cluster now: it was deleted, or is not made yet.`,
    },
    async (kubeConfig) => {
      const objects = KubernetesObjectApi.makeApiClient(kubeConfig);
      const live = await objects.read({
        apiVersion,
        kind,
        metadata: { name, ...(namespace ? { namespace } : {}) },
      });
      // Events of a cluster-scoped object (the Namespace) are looked for in the environment's
      // namespace: a person may list Events there, not across the cluster.
      const eventsNamespace = namespace || env.namespace;
      const uid = live.metadata?.uid;
      const events = eventsNamespace
        ? await kubeConfig.makeApiClient(CoreV1Api).listNamespacedEvent({
            namespace: eventsNamespace,
            fieldSelector: [
              `involvedObject.kind=${kind}`,
              `involvedObject.name=${name}`,
              ...(uid ? [`involvedObject.uid=${uid}`] : []),
            ].join(","),
          })
        : { items: [] };
      return {
        object: observedObject(live),
        events: events.items.map(clusterEventOf).sort(newestFirst).slice(0, LIVE_OBJECT_EVENTS),
      };
    },
  );
}
