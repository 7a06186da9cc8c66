import type { RouterOutputs } from "@/lib/trpc/types";

type TStage = RouterOutputs["application"]["get"]["pipeline"][number];

/** The pipeline environment map as viewers see it. */
export function PipelineMapView({ stages }: { stages: TStage[] }) {
  if (stages.length === 0)
    return <p className="text-muted-foreground text-sm">No stages mapped yet.</p>;
  return (
    <ol aria-label="Pipeline stages" className="flex flex-wrap items-center gap-2 text-sm">
      {stages.map((stage, index) => (
        <li key={stage.stage} className="flex items-center gap-2">
          {index > 0 ? <span aria-hidden="true">→</span> : null}
          <span className="rounded-md border px-2 py-1">
            <span className="font-mono">{stage.stage}</span>: {stage.environment.displayName}
          </span>
        </li>
      ))}
    </ol>
  );
}
