// PromotionRun: upstream's spec {snapshot, application, manualPromotion.targetEnvironment |
// automatedPromotion.initialEnvironment} and status {state, completionResult, promotionStartTime,
// environmentStatus[] {step, environmentName, status, displayStatus}}. A run is history — what was
// promoted where and how it went — so an import writes a run the space does not have yet as it
// ended and never starts or rewrites one. What upstream has no field for travels as Slipway's own:
// the kind (manual or rollback) as an annotation, the creation time as metadata.creationTimestamp,
// and in status the run's message and completion time and each step's previous snapshot and times
// (the environment's history and rollback read them).
import { z } from "zod";
import { ZApplicationNameSchema } from "@/lib/validators/application";
import { ZEnvironmentNameSchema } from "@/lib/validators/environment";
import { ZSnapshotNameSchema } from "@/lib/validators/snapshot";
import { importPromotionRun } from "../../promotions/import-promotion-run";
import type { TPromotionView } from "../../promotions/promotion-row";
import {
  annotations,
  ANNOTATION_PREFIX,
  API_VERSION,
  documentSchema,
  labelMetadata,
  type TDocument,
  ZMetadataSchema,
} from "../document";
import { planItem, refused, type TPlanItem } from "../plan-types";
import type { TSpaceState } from "../space-state";
import { changing, eachChange, type TApplyContext, type TPlanContext } from "./kind-context";
import { runHistory, unfinishedNote } from "./promotion-run-history";

const ZTimeSchema = z.iso.datetime({
  offset: true,
  message: "Use an RFC 3339 time, e.g. 2026-11-25T10:00:00Z.",
});

const ZStepStatusSchema = z.object({
  step: z.number().int().min(1),
  environmentName: ZEnvironmentNameSchema,
  status: z.enum(["Waiting", "In Progress", "Success", "Failure"]),
  displayStatus: z.string().max(2000).default(""),
  previousSnapshot: ZSnapshotNameSchema.optional(),
  startTime: ZTimeSchema.optional(),
  completionTime: ZTimeSchema.optional(),
});

const STATUS_REQUIRED =
  "A PromotionRun is imported as history and needs the status an export writes (state, completionResult, environmentStatus); to promote, use Promote in the space.";

const ZRunStatusSchema = z
  .object(
    {
      state: z.enum(["Waiting", "In Progress", "Complete"]),
      completionResult: z.enum(["Success", "Failure"]).optional(),
      message: z.string().max(2000).default(""),
      promotionStartTime: ZTimeSchema.optional(),
      completionTime: ZTimeSchema.optional(),
      environmentStatus: z
        .array(ZStepStatusSchema)
        .min(1, "A promotion run has at least one environment step."),
    },
    { error: (issue) => (issue.input === undefined ? STATUS_REQUIRED : undefined) },
  )
  .superRefine((status, check) => {
    if ((status.state === "Complete") !== (status.completionResult !== undefined)) {
      check.addIssue({
        code: "custom",
        path: ["completionResult"],
        message: "completionResult is set exactly when state is Complete.",
      });
    }
    const seen = new Set<string>();
    status.environmentStatus.forEach((step, i) => {
      if (step.step !== i + 1) {
        check.addIssue({
          code: "custom",
          path: ["environmentStatus", i, "step"],
          message: `Steps are numbered 1, 2, … in order: expected ${i + 1}.`,
        });
      }
      if (seen.has(step.environmentName)) {
        check.addIssue({
          code: "custom",
          path: ["environmentStatus", i, "environmentName"],
          message: `Environment "${step.environmentName}" is already an earlier step of this run.`,
        });
      }
      seen.add(step.environmentName);
    });
  });

const KIND_ANNOTATION = `${ANNOTATION_PREFIX}kind`;

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
  labelMetadata(ZMetadataSchema.shape.name, {
    [KIND_ANNOTATION]: z.enum(["manual", "rollback", "automated"]).optional(),
  }).extend({ creationTimestamp: ZTimeSchema.optional() }),
).extend({ status: ZRunStatusSchema });
export type TPromotionRunDocument = z.infer<typeof ZPromotionRunDocumentSchema>;

export const promotionRunIdentity = (doc: TPromotionRunDocument) =>
  `${doc.spec.application}/${doc.metadata.name}`;

/** Upstream's per-environment status: Success, Failure or In Progress (Waiting before it starts). */
const stepStatus = (step: TPromotionView["steps"][number]) => step.result ?? step.state;

/** A time from a row or from JSON (steps come through json_agg), as an export writes it. */
const isoTime = (value: Date | string | null) =>
  value === null ? undefined : new Date(value).toISOString();

const defined = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));

function promotionRunDocument(run: TPromotionView): TDocument {
  const spec =
    run.kind === "automated"
      ? { automatedPromotion: { initialEnvironment: run.sourceEnvironment } }
      : { manualPromotion: { targetEnvironment: run.targetEnvironment } };
  return {
    apiVersion: API_VERSION,
    kind: "PromotionRun",
    metadata: {
      name: run.name,
      creationTimestamp: run.createdAt.toISOString(),
      annotations: annotations({ kind: run.kind }),
    },
    spec: { snapshot: run.snapshot.name, application: run.application, ...spec },
    status: defined({
      state: run.state,
      completionResult: run.result ?? undefined,
      message: run.message || undefined,
      promotionStartTime: isoTime(run.startedAt),
      completionTime: isoTime(run.completedAt),
      environmentStatus: run.steps.map((step) =>
        defined({
          step: step.position + 1,
          environmentName: step.environment,
          status: stepStatus(step),
          displayStatus: step.message,
          previousSnapshot: step.previousSnapshot ?? undefined,
          startTime: isoTime(step.startedAt),
          completionTime: isoTime(step.completedAt),
        }),
      ),
    }),
  };
}

export function promotionRunDocuments(state: TSpaceState): TDocument[] {
  return state.promotions.map(promotionRunDocument);
}

/** The names a run may refer to: what the space has and what the YAML declares. */
function namesInScope({ state, stream }: TPlanContext) {
  return {
    applications: new Set([
      ...state.applications.map((a) => a.name),
      ...stream.Application.map((a) => a.doc.metadata.name),
    ]),
    snapshots: new Set([
      ...state.snapshots.map((s) => `${s.application}/${s.name}`),
      ...stream.Snapshot.map((s) => `${s.doc.spec.application}/${s.doc.metadata.name}`),
    ]),
    environments: new Set([
      ...state.environments.map((e) => e.name),
      ...stream.Environment.map((e) => e.doc.metadata.name),
    ]),
  };
}

/** Every reference of the document resolved, or an error against the field that names nothing. */
function resolves(
  context: TPlanContext,
  scope: ReturnType<typeof namesInScope>,
  { index, doc }: { index: number; doc: TPromotionRunDocument },
): boolean {
  let ok = true;
  const fail = (path: string, message: string) => {
    ok = false;
    context.error(index, path, message);
  };
  const { application, snapshot, manualPromotion, automatedPromotion } = doc.spec;
  const snapshotOf = (name: string) => scope.snapshots.has(`${application}/${name}`);
  const noSnapshot = (name: string) =>
    `Application "${application}" has no snapshot "${name}" in the space or the YAML.`;
  const noEnvironment = (name: string) => `No environment "${name}" in the space or the YAML.`;
  if (!scope.applications.has(application)) {
    fail("spec.application", `No application "${application}" in the space or the YAML.`);
  } else if (!snapshotOf(snapshot)) fail("spec.snapshot", noSnapshot(snapshot));
  const target = manualPromotion?.targetEnvironment;
  if (target !== undefined && !scope.environments.has(target)) {
    fail("spec.manualPromotion.targetEnvironment", noEnvironment(target));
  }
  const initial = automatedPromotion?.initialEnvironment;
  if (initial !== undefined && !scope.environments.has(initial)) {
    fail("spec.automatedPromotion.initialEnvironment", noEnvironment(initial));
  }
  const kind = doc.metadata.annotations[KIND_ANNOTATION];
  if (kind && (kind === "automated") !== (automatedPromotion !== undefined)) {
    fail(
      `metadata.annotations["${KIND_ANNOTATION}"]`,
      automatedPromotion
        ? `An automatedPromotion run is of kind "automated", not "${kind}".`
        : `A manualPromotion run is of kind "manual" or "rollback", not "automated".`,
    );
  }
  const steps = doc.status.environmentStatus;
  if (target !== undefined && (steps.length !== 1 || steps[0]?.environmentName !== target)) {
    fail(
      "status.environmentStatus",
      `A manual promotion has one step, in its target environment "${target}".`,
    );
  }
  steps.forEach((step, i) => {
    const path = `status.environmentStatus[${i}]`;
    if (!scope.environments.has(step.environmentName)) {
      fail(`${path}.environmentName`, noEnvironment(step.environmentName));
    }
    if (step.previousSnapshot !== undefined && !snapshotOf(step.previousSnapshot)) {
      fail(`${path}.previousSnapshot`, noSnapshot(step.previousSnapshot));
    }
  });
  return ok;
}

export function planPromotionRuns(context: TPlanContext): TPlanItem[] {
  const { state, stream, error } = context;
  const scope = namesInScope(context);
  const existing = new Map(state.promotions.map((run) => [`${run.application}/${run.name}`, run]));
  // A snapshot deployed in an environment starts one automated run (promotion_run_automated_once).
  const automatedKey = (application: string, snapshot: string, source: string | null) =>
    `${application}/${snapshot}/${source ?? ""}`;
  const automated = new Map(
    state.promotions
      .filter((run) => run.kind === "automated")
      .map((run) => [
        automatedKey(run.application, run.snapshot.name, run.sourceEnvironment),
        run.name,
      ]),
  );
  const declared = new Map<string, number>();
  return stream.PromotionRun.flatMap((entry) => {
    const { index, doc } = entry;
    if (!resolves(context, scope, entry)) return [];
    const { application, snapshot, automatedPromotion } = doc.spec;
    const base = { index, kind: "PromotionRun" as const, name: promotionRunIdentity(doc) };
    if (existing.has(promotionRunIdentity(doc))) return [planItem(base, {}, {}, null)];
    if (automatedPromotion) {
      const key = automatedKey(application, snapshot, automatedPromotion.initialEnvironment);
      const other = automated.get(key);
      if (other !== undefined) {
        return [
          refused(
            base,
            `Run "${other}" already promoted snapshot "${snapshot}" of "${application}" on from "${automatedPromotion.initialEnvironment}": a snapshot moves on automatically from an environment once.`,
          ),
        ];
      }
      const first = declared.get(key);
      if (first !== undefined) {
        error(index, "spec", `Document ${first} already declares this automated promotion.`);
        return [];
      }
      declared.set(key, index);
    }
    const note = unfinishedNote(doc);
    return [planItem({ ...base, notes: note ? [note] : [] }, null, {}, null)];
  });
}

export async function applyPromotionRuns(apply: TApplyContext): Promise<void> {
  await eachChange(changing(apply.stream.PromotionRun, apply.items), async ({ entry }) => {
    await importPromotionRun(apply.ctx, runHistory(entry.doc));
  });
}
