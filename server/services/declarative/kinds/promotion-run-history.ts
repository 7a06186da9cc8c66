// What an imported PromotionRun document becomes: a finished run, as history.
//
// A run the export caught unfinished (Waiting or In Progress) is not resumed: it is written as
// finished with result Failure and the message NOT_RESUMED. That is what an Argo CD user knows from
// restoring Applications: a sync operation that was running belongs to the controller that ran it
// and is not replayed; what is declared (here the bindings, which the export also carries) is what
// comes back. Refusing such a run instead would leave every export taken during a promotion
// unimportable without editing it by hand, and starting it would deploy in the new space without
// anyone asking. Steps that never started stay Waiting; a step that was under way failed.
import type { TImportedPromotionRun } from "../../promotions/import-promotion-run";
import type { TPromotionRunDocument } from "./promotion-run";

export const NOT_RESUMED = "imported while in progress; not resumed";

const time = (value: string | undefined) => (value === undefined ? null : new Date(value));

/** The plan's note on a run that will come in as Failure rather than as exported, or null. */
export function unfinishedNote(doc: TPromotionRunDocument): string | null {
  if (doc.status.state === "Complete") return null;
  return `This run was ${doc.status.state} when exported: it is imported as finished with result Failure ("${NOT_RESUMED}") and is not started. Promote again in the space if it should still happen.`;
}

export function runHistory(doc: TPromotionRunDocument): TImportedPromotionRun {
  const { spec, status, metadata } = doc;
  const finished = status.state === "Complete";
  const automated = spec.automatedPromotion !== undefined;
  const annotated = metadata.annotations["slipway.dev/kind"];
  return {
    name: metadata.name,
    application: spec.application,
    snapshot: spec.snapshot,
    kind: automated ? "automated" : annotated === "rollback" ? "rollback" : "manual",
    targetEnvironment: spec.manualPromotion?.targetEnvironment ?? null,
    sourceEnvironment: spec.automatedPromotion?.initialEnvironment ?? null,
    result: finished ? (status.completionResult ?? "Failure") : "Failure",
    message: finished ? status.message : NOT_RESUMED,
    createdAt: time(metadata.creationTimestamp),
    startedAt: time(status.promotionStartTime),
    completedAt: finished ? time(status.completionTime) : null,
    steps: status.environmentStatus.map((step) => {
      const { status: ran } = step;
      const ended = ran === "Success" || ran === "Failure";
      const result =
        ran === "Success" || ran === "Failure" ? ran : ran === "Waiting" ? null : "Failure";
      return {
        environment: step.environmentName,
        result,
        message: step.status === "In Progress" ? NOT_RESUMED : step.displayStatus,
        previousSnapshot: step.previousSnapshot ?? null,
        startedAt: time(step.startTime),
        completedAt: ended ? time(step.completionTime) : null,
      };
    }),
  };
}
