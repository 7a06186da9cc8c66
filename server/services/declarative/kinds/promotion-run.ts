// PromotionRun: upstream's spec {snapshot, application, manualPromotion.targetEnvironment |
// automatedPromotion.initialEnvironment} and status {state, completionResult, environmentStatus}.
// A run is history — what was promoted where and how it went — so an export carries every run and
// an import reads them but neither starts nor rewrites one: the plan says so on each.
import { z } from "zod";
import { ZApplicationNameSchema } from "@/lib/validators/application";
import { ZEnvironmentNameSchema } from "@/lib/validators/environment";
import { ZSnapshotNameSchema } from "@/lib/validators/snapshot";
import type { TPromotionView } from "../../promotions/promotion-row";
import { annotations, API_VERSION, documentSchema, type TDocument } from "../document";
import type { TPlanItem } from "../plan-types";
import type { TSpaceState } from "../space-state";
import type { TPlanContext } from "./kind-context";

export const ZPromotionRunDocumentSchema = documentSchema(
  "PromotionRun",
  z
    .object({
      snapshot: ZSnapshotNameSchema,
      application: ZApplicationNameSchema,
      manualPromotion: z.object({ targetEnvironment: ZEnvironmentNameSchema }).optional(),
      automatedPromotion: z.object({ initialEnvironment: ZEnvironmentNameSchema }).optional(),
    })
    .refine(
      (spec) => !spec.manualPromotion !== !spec.automatedPromotion,
      "Set exactly one of manualPromotion and automatedPromotion.",
    ),
);
type TPromotionRunDocument = z.infer<typeof ZPromotionRunDocumentSchema>;

export const promotionRunIdentity = (doc: TPromotionRunDocument) =>
  `${doc.spec.application}/${doc.metadata.name}`;

export const HISTORY_NOTE =
  "A promotion run is history: an import neither starts nor rewrites one. Promote in the space instead.";

/** Upstream's per-environment status: Success, Failure or In Progress (Waiting before it starts). */
const stepStatus = (step: TPromotionView["steps"][number]) => step.result ?? step.state;

function promotionRunDocument(run: TPromotionView): TDocument {
  const spec =
    run.kind === "automated"
      ? { automatedPromotion: { initialEnvironment: run.sourceEnvironment } }
      : { manualPromotion: { targetEnvironment: run.targetEnvironment } };
  return {
    apiVersion: API_VERSION,
    kind: "PromotionRun",
    metadata: {
      // Runs have no names in Slipway: the application, the kind and the run id's first part.
      name: `${run.application}-${run.kind}-${run.id.slice(0, 8)}`,
      annotations: annotations({ kind: run.kind }),
    },
    spec: { snapshot: run.snapshot.name, application: run.application, ...spec },
    status: {
      state: run.state,
      ...(run.result ? { completionResult: run.result } : {}),
      ...(run.startedAt ? { promotionStartTime: run.startedAt.toISOString() } : {}),
      environmentStatus: run.steps.map((step) => ({
        step: step.position + 1,
        environmentName: step.environment,
        status: stepStatus(step),
        displayStatus: step.message,
      })),
    },
  };
}

export function promotionRunDocuments(state: TSpaceState): TDocument[] {
  return state.promotions.map(promotionRunDocument);
}

export function planPromotionRuns({ stream }: TPlanContext): TPlanItem[] {
  return stream.PromotionRun.map(({ index, doc }) => ({
    index,
    kind: "PromotionRun",
    name: doc.metadata.name,
    action: "unchanged",
    changes: [],
    reason: null,
    notes: [HISTORY_NOTE],
  }));
}
