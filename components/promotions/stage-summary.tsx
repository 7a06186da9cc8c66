import { HealthBadge, SyncBadge } from "@/components/applications/status-badges";
import type { TStage } from "@/lib/application-stages";
import { formatDateTime, formatElapsed } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type TStageRow = RouterOutputs["application"]["stages"]["items"][number];

export type TApplicationStage = TStage<TStageRow["environment"], TStageRow["components"][number]>;

/**
 * What runs of the application in one environment: the snapshot, its components' sync and
 * health rolled into one, and since when — or that nothing runs there yet.
 */
export function StageSummary({ stage }: { stage: TApplicationStage }) {
  if (!stage.snapshot) {
    return <p className="text-muted-foreground text-sm">Nothing deployed here yet.</p>;
  }
  return (
    <div className="space-y-1 text-sm">
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
