import Link from "next/link";
import { StageSummary, type TApplicationStage } from "./stage-summary";

/**
 * The application's way to production, left to right: Build (no build provider exists yet),
 * then each environment with the snapshot it runs, its sync and health, and since when.
 */
export function PipelineStages({ space, stages }: { space: string; stages: TApplicationStage[] }) {
  return (
    <ol aria-label="Pipeline stages" className="flex flex-wrap items-stretch gap-3">
      <li className="w-56 rounded-md border p-3" data-testid="pipeline-stage-build">
        <p className="font-medium">Build</p>
        <p className="text-muted-foreground text-sm">No build provider yet.</p>
      </li>
      {stages.map((stage) => (
        <li
          key={stage.environment.id}
          className="w-56 space-y-1 rounded-md border p-3"
          data-testid={`pipeline-stage-${stage.environment.name}`}
        >
          <p className="font-medium">
            {stage.stage ? `${stage.stage}: ` : ""}
            <Link
              href={`/spaces/${space}/environments/${stage.environment.name}`}
              className="hover:underline"
            >
              {stage.environment.displayName}
            </Link>
          </p>
          <StageSummary stage={stage} />
        </li>
      ))}
    </ol>
  );
}
