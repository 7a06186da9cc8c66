import { HealthBadge, SyncBadge } from "@/components/applications/status-badges";
import type { TStage } from "@/lib/application-stages";
import { formatDateTime, formatElapsed } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

export type TApplicationStage = TStage<RouterOutputs["application"]["stages"]["items"][number]>;

/**
 * What runs of the application in one environment: the snapshot, its components' sync and
 * health rolled into one, and since when — or that nothing runs there yet.
 */
export function StageSummary({ stage }: { stage: TApplicationStage }) {
  const failure = stage.automatedFailure;
  // Slipway does not retry a failed automated promotion by itself: say so, and how to retry.
  const failed = failure ? (
    <p className="text-destructive text-sm" data-testid="automated-failure">
      Automatic promotion of {failure.snapshot} failed: {failure.message}. Promote by hand to retry.
    </p>
  ) : null;
  if (!stage.snapshot) {
    return (
      <div className="space-y-1">
        <p className="text-muted-foreground text-sm">Nothing deployed here yet.</p>
        {failed}
      </div>
    );
  }
  return (
    <div className="space-y-1 text-sm">
      {failed}
      <p>
        Snapshot <span className="font-mono font-medium">{stage.snapshot.name}</span>
      </p>
      <p className="flex flex-wrap items-center gap-1">
        <SyncBadge status={stage.components.length > 0 ? stage.status.sync : null} />
        <HealthBadge status={stage.components.length > 0 ? stage.status.health : null} />
      </p>
      {stage.deployedAt ? (
        <p className="text-muted-foreground text-xs">
          Here for {formatElapsed(stage.deployedAt, new Date())}, since{" "}
          {formatDateTime(stage.deployedAt)}
        </p>
      ) : null}
    </div>
  );
}
