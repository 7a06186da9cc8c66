import { Badge } from "@/components/ui/badge";
import type { TPhaseView } from "@/lib/environment-phase";
import { formatDateTime } from "@/lib/format";

const VARIANT = {
  Ready: "success",
  Reconciling: "secondary",
  Pending: "muted",
  Deleting: "warning",
  Failed: "destructive",
} as const;

/** The state word, and for a failure the last error and when the next attempt is. */
export function PhaseBadge({ view }: { view: TPhaseView }) {
  return (
    <div className="space-y-1">
      <Badge variant={VARIANT[view.phase]} data-testid="phase">
        {view.phase}
      </Badge>
      {view.phase === "Failed" && view.message ? (
        <p className="text-destructive text-xs">
          {view.message}
          {view.nextRetryAt ? ` Next try ${formatDateTime(new Date(view.nextRetryAt))}.` : null}
        </p>
      ) : null}
    </div>
  );
}
