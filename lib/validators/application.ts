// Application, component and pipeline environment map input schemas, shared by the procedures and
// the forms. Names are DNS labels (they name Argo CD Applications later); what needs the database
// (uniqueness, environments of the space) is checked by the services.
import { z } from "zod";
import { dnsLabel } from "./dns-label";
import { ZEnvironmentNameSchema } from "./environment";
import {
  repositoryUrl,
  ZContainerImageSchema,
  ZRepositoryPathSchema,
  ZTargetRevisionSchema,
} from "./git-source";
import { ZPageInputSchema } from "./pagination";
import { ZDisplayNameSchema, ZSpaceRefSchema } from "./space";
import { singleLineText } from "./text";
import { uniqueBy } from "./unique-by";

/** How Argo CD renders the GitOps source: a kustomization, a Helm chart, or plain manifests. */
export const GITOPS_SOURCE_TYPES = ["kustomize", "helm", "directory"] as const;
export type TGitOpsSourceType = (typeof GITOPS_SOURCE_TYPES)[number];
/** An application has at most this many components (a snapshot names them all on one form). */
export const MAX_COMPONENTS = 100;
export const MAX_PIPELINE_STAGES = 20;

// "new" would shadow the …/applications/new route.
export const ZApplicationNameSchema = dnsLabel("Name").refine(
  (name) => name !== "new",
  "This name is reserved; choose another.",
);
export const ZComponentNameSchema = dnsLabel("Name").refine(
  (name) => name !== "new",
  "This name is reserved; choose another.",
);

export const ZGitOpsSourceSchema = z.object({
  /** The Git repository Argo CD deploys from. */
  repoUrl: repositoryUrl("GitOps repository URL"),
  /** The directory in that repository holding the manifests, kustomization or chart. */
  path: ZRepositoryPathSchema,
  /** The branch, tag or commit to deploy. */
  targetRevision: ZTargetRevisionSchema,
  type: z.enum(GITOPS_SOURCE_TYPES, { message: "Choose kustomize, helm or directory." }),
});
export type TGitOpsSource = z.infer<typeof ZGitOpsSourceSchema>;

/** What creating and editing a component set; the name is fixed once created. */
const ZComponentFieldsSchema = z.object({
  displayName: ZDisplayNameSchema,
  /** Where the component's code lives. */
  sourceUrl: repositoryUrl("Source repository URL"),
  /** The image the component runs now; "Create snapshot" starts from it. */
  containerImage: ZContainerImageSchema,
  gitopsSource: ZGitOpsSourceSchema,
});
export type TComponentFields = z.infer<typeof ZComponentFieldsSchema>;

export const ZNewComponentSchema = ZComponentFieldsSchema.extend({ name: ZComponentNameSchema });
export type TNewComponent = z.infer<typeof ZNewComponentSchema>;

export const ZApplicationRefSchema = ZSpaceRefSchema.extend({
  application: ZApplicationNameSchema,
});

export const ZFindApplicationsSchema = ZSpaceRefSchema.merge(ZPageInputSchema);

/** application.stages: a page of the space's environments with what the application runs there. */
export const ZFindApplicationStagesSchema = ZApplicationRefSchema.merge(ZPageInputSchema);

/** The Create App flow: the application and its first components, created together. */
export const ZCreateApplicationSchema = ZSpaceRefSchema.extend({
  name: ZApplicationNameSchema,
  displayName: ZDisplayNameSchema,
  components: z
    .array(ZNewComponentSchema)
    .min(1, "Add at least one component.")
    .max(MAX_COMPONENTS, `An application has at most ${MAX_COMPONENTS} components.`)
    .superRefine(
      uniqueBy(
        (c) => c.name,
        "name",
        (name) => `Another component above is already named "${name}".`,
      ),
    ),
});
export type TCreateApplication = z.infer<typeof ZCreateApplicationSchema>;

export const ZUpdateApplicationSchema = ZApplicationRefSchema.extend({
  displayName: ZDisplayNameSchema,
});

export const ZDeleteApplicationSchema = ZApplicationRefSchema.extend({
  confirmName: singleLineText("The confirmation")
    .trim()
    .min(1, "Type the application name to confirm.")
    .max(63, "Type the application name to confirm."),
});

export const ZComponentRefSchema = ZApplicationRefSchema.extend({
  component: ZComponentNameSchema,
});
export const ZFindComponentsSchema = ZApplicationRefSchema.merge(ZPageInputSchema);
export const ZCreateComponentSchema = ZApplicationRefSchema.extend(ZNewComponentSchema.shape);
export const ZUpdateComponentSchema = ZComponentRefSchema.extend(ZComponentFieldsSchema.shape);

/** One pipeline stage (as a Jenkinsfile or pipeline names it) and the environment it deploys to. */
export const ZPipelineStageSchema = z.object({
  name: dnsLabel("Stage name"),
  environment: ZEnvironmentNameSchema,
});
export type TPipelineStage = z.infer<typeof ZPipelineStageSchema>;

/** The whole map, in pipeline order; saving replaces what was there. */
export const ZSetPipelineMapSchema = ZApplicationRefSchema.extend({
  stages: z
    .array(ZPipelineStageSchema)
    .max(MAX_PIPELINE_STAGES, `A pipeline has at most ${MAX_PIPELINE_STAGES} stages.`)
    .superRefine(
      uniqueBy(
        (s) => s.name,
        "name",
        (name) => `Stage "${name}" is listed twice.`,
      ),
    )
    .superRefine(
      uniqueBy(
        (s) => s.environment,
        "environment",
        (env) => `Environment "${env}" is already the target of another stage.`,
      ),
    ),
});
export type TSetPipelineMap = z.infer<typeof ZSetPipelineMapSchema>;
