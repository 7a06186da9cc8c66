import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type TEvent = RouterOutputs["environment"]["get"]["events"][number];

/** What the reconciler did or saw, newest first. */
export function EnvironmentEvents({ events }: { events: TEvent[] }) {
  if (events.length === 0) return <p className="text-muted-foreground text-sm">No events yet.</p>;
  return (
    <ol className="space-y-2" aria-label="Events">
      {events.map((event) => (
        <li key={event.id} className="flex flex-wrap items-baseline gap-2 text-sm">
          <Badge variant={event.type === "Warning" ? "warning" : "muted"}>{event.type}</Badge>
          <span className="font-mono">{event.reason}</span>
          <span>{event.message}</span>
          <span className="text-muted-foreground">{formatDateTime(event.at)}</span>
        </li>
      ))}
    </ol>
  );
}
