import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type TRun = RouterOutputs["promotion"]["list"]["items"][number];

const KIND_LABEL: Record<TRun["kind"], string> = {
  manual: "Manual",
  automated: "Automated",
  rollback: "Rollback",
};

/** State and result as one badge: "In Progress", "Success", "Failure", "Waiting". */
function Outcome({ state, result }: { state: TRun["state"]; result: TRun["result"] }) {
  if (state !== "Complete") return <Badge variant="muted">{state}</Badge>;
  return <Badge variant={result === "Success" ? "success" : "destructive"}>{result}</Badge>;
}

const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso)) : "—");

/** An application's promotion runs, newest first, each with its steps per environment. */
export function PromotionRunList({ runs }: { runs: TRun[] }) {
  if (runs.length === 0) {
    return <p className="text-muted-foreground text-sm">No promotion runs yet.</p>;
  }
  return (
    <ol aria-label="Promotion runs" className="divide-y rounded-md border">
      {runs.map((run) => (
        <li
          key={run.id}
          className="space-y-2 p-4"
          data-testid="promotion-run"
          aria-label={`${KIND_LABEL[run.kind]} promotion of ${run.snapshot.name}`}
        >
          <div className="flex flex-wrap items-center gap-2">
            <Outcome state={run.state} result={run.result} />
            <span className="font-medium">{KIND_LABEL[run.kind]}</span>
            <span>
              <span className="font-mono">{run.snapshot.name}</span>
              {run.sourceEnvironment ? ` from ${run.sourceEnvironment}` : ""}
              {run.targetEnvironment ? ` to ${run.targetEnvironment}` : ""}
            </span>
            <span className="text-muted-foreground text-sm">
              {run.createdBy ? `by ${run.createdBy}, ` : ""}
              {formatDateTime(run.createdAt)}
            </span>
          </div>
          {run.message ? <p className="text-sm">{run.message}</p> : null}
          <ol aria-label="Steps" className="text-muted-foreground space-y-1 text-sm">
            {run.steps.map((step) => (
              <li key={step.position}>
                <Outcome state={step.state} result={step.result} />{" "}
                <span className="text-foreground">{step.environment}</span>
                {step.previousSnapshot ? ` (was ${step.previousSnapshot})` : ""} — started{" "}
                {when(step.startedAt)}, completed {when(step.completedAt)}
                {step.message ? `: ${step.message}` : ""}
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
