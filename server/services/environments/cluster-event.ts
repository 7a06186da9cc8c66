// A Kubernetes Event (core/v1) as the environment page shows it: what happened to which object,
// how often and when; none of the Event's bookkeeping (managedFields, resourceVersion…).
import type { CoreV1Event } from "@kubernetes/client-node";

export interface TClusterEvent {
  uid: string;
  type: string;
  reason: string;
  message: string;
  object: { kind: string; name: string; namespace: string };
  count: number;
  /** The last occurrence: lastTimestamp, else eventTime (events.k8s.io writers), else creation. */
  lastSeen: Date | null;
  /** Who reported it ("kubelet", "resourcequota-controller"…). */
  source: string;
}

export function clusterEventOf(event: CoreV1Event): TClusterEvent {
  const involved = event.involvedObject;
  return {
    uid: event.metadata.uid ?? `${event.metadata.namespace}/${event.metadata.name}`,
    type: event.type ?? "Normal",
    reason: event.reason ?? "",
    message: event.message ?? "",
    object: {
      kind: involved.kind ?? "",
      name: involved.name ?? "",
      namespace: involved.namespace ?? "",
    },
    count: event.count ?? 1,
    lastSeen: lastSeenOf(event),
    source: event.source?.component ?? event.reportingComponent ?? "",
  };
}

function lastSeenOf(event: CoreV1Event): Date | null {
  const at = event.lastTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp;
  return at ? new Date(at) : null;
}

/** Newest first; events without any time last. */
export function newestFirst(a: TClusterEvent, b: TClusterEvent): number {
  return (b.lastSeen?.getTime() ?? 0) - (a.lastSeen?.getTime() ?? 0);
}
