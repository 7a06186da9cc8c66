import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type TClusterEvent = RouterOutputs["environment"]["clusterEvents"]["items"][number];

/** Kubernetes Events as read from the cluster: type, reason, object, message, count, when. */
export function ClusterEventsList({ events, label }: { events: TClusterEvent[]; label: string }) {
  if (events.length === 0) return <p className="text-muted-foreground text-sm">No events.</p>;
  return (
    <ol className="space-y-2" aria-label={label}>
      {events.map((event) => (
        <li key={event.uid} className="flex flex-wrap items-baseline gap-2 text-sm">
          <Badge variant={event.type === "Warning" ? "warning" : "muted"}>{event.type}</Badge>
          <span className="font-mono">{event.reason}</span>
          <span className="font-mono text-xs">
            {event.object.kind}/{event.object.name}
          </span>
          <span>{event.message}</span>
          {event.count > 1 ? <span className="text-muted-foreground">×{event.count}</span> : null}
          <span className="text-muted-foreground">
            {event.lastSeen ? formatDateTime(event.lastSeen) : "—"}
          </span>
        </li>
      ))}
    </ol>
  );
}
