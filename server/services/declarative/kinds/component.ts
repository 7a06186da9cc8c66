// Component: upstream's componentName, application, source.git.url and containerImage. The GitOps
// source Argo CD deploys from (upstream keeps it on the application, Slipway per component) and
// the display name are annotations. A private repository's credential is named by its repository
// URL only; credentials are never exported, so an import notes when the space has none for it.
import { z } from "zod";
import {
  GITOPS_SOURCE_TYPES,
  ZApplicationNameSchema,
  ZComponentNameSchema,
  type TNewComponent,
} from "@/lib/validators/application";
import {
  repositoryUrl,
  ZContainerImageSchema,
  ZRepositoryPathSchema,
  ZTargetRevisionSchema,
} from "@/lib/validators/git-source";
import { ZDisplayNameSchema } from "@/lib/validators/space";
import { componentView } from "../../components/component-row";
import { createComponent } from "../../components/create-component";
import { updateComponent } from "../../components/update-component";
import {
  annotations,
  API_VERSION,
  documentSchema,
  labelMetadata,
  ZMetadataSchema,
  type TDocument,
} from "../document";
import { planItem, type TPlanItem } from "../plan-types";
import type { TSpaceState, TStateComponent } from "../space-state";
import { changing, eachChange, type TApplyContext, type TPlanContext } from "./kind-context";

const DISPLAY_NAME = "slipway.dev/display-name";
const GITOPS_URL = "slipway.dev/gitops-repository-url";
const GITOPS_CONTEXT = "slipway.dev/gitops-context";
const GITOPS_BRANCH = "slipway.dev/gitops-branch";
const GITOPS_TYPE = "slipway.dev/gitops-type";
const CREDENTIAL = "slipway.dev/repository-credential";

export const ZComponentDocumentSchema = documentSchema(
  "Component",
  z.object({
    componentName: ZComponentNameSchema,
    application: ZApplicationNameSchema,
    source: z.object({ git: z.object({ url: repositoryUrl("Source repository URL") }) }),
    containerImage: ZContainerImageSchema,
  }),
  labelMetadata(ZMetadataSchema.shape.name, {
    [DISPLAY_NAME]: ZDisplayNameSchema,
    [GITOPS_URL]: repositoryUrl("GitOps repository URL"),
    [GITOPS_CONTEXT]: ZRepositoryPathSchema,
    [GITOPS_BRANCH]: ZTargetRevisionSchema,
    [GITOPS_TYPE]: z.enum(GITOPS_SOURCE_TYPES, { message: "Choose kustomize, helm or directory." }),
    [CREDENTIAL]: z.string().optional(),
  }),
);
type TComponentDocument = z.infer<typeof ZComponentDocumentSchema>;

export const componentIdentity = (doc: TComponentDocument) =>
  `${doc.spec.application}/${doc.spec.componentName}`;

/** The component as create/update services take it. */
export function componentFields(doc: TComponentDocument): TNewComponent {
  const notes = doc.metadata.annotations;
  return {
    name: doc.spec.componentName,
    displayName: notes[DISPLAY_NAME],
    sourceUrl: doc.spec.source.git.url,
    containerImage: doc.spec.containerImage,
    gitopsSource: {
      repoUrl: notes[GITOPS_URL],
      path: notes[GITOPS_CONTEXT],
      targetRevision: notes[GITOPS_BRANCH],
      type: notes[GITOPS_TYPE],
    },
  };
}

function rowFields(row: TStateComponent): TNewComponent {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...fields } = componentView(row);
  return fields;
}

/** The repository whose credential the component needs, if the space holds one. */
function credentialOf(fields: TNewComponent, repositories: Set<string>): string | null {
  if (repositories.has(fields.gitopsSource.repoUrl)) return fields.gitopsSource.repoUrl;
  return repositories.has(fields.sourceUrl) ? fields.sourceUrl : null;
}

export function componentDocuments(state: TSpaceState): TDocument[] {
  return state.components.map((row) => {
    const fields = rowFields(row);
    return {
      apiVersion: API_VERSION,
      kind: "Component",
      metadata: {
        name: `${row.application}-${row.name}`,
        annotations: annotations({
          "display-name": fields.displayName,
          "gitops-repository-url": fields.gitopsSource.repoUrl,
          "gitops-context": fields.gitopsSource.path,
          "gitops-branch": fields.gitopsSource.targetRevision,
          "gitops-type": fields.gitopsSource.type,
          "repository-credential": credentialOf(fields, state.credentialRepositories),
        }),
      },
      spec: {
        componentName: row.name,
        application: row.application,
        source: { git: { url: fields.sourceUrl } },
        containerImage: fields.containerImage,
      },
    };
  });
}

const view = ({ name: _name, gitopsSource, ...fields }: TNewComponent) => ({
  ...fields,
  gitopsRepositoryUrl: gitopsSource.repoUrl,
  gitopsContext: gitopsSource.path,
  gitopsBranch: gitopsSource.targetRevision,
  gitopsType: gitopsSource.type,
});

export function planComponents({ state, stream, error }: TPlanContext): TPlanItem[] {
  const applications = new Set([
    ...state.applications.map((app) => app.name),
    ...stream.Application.map((app) => app.doc.metadata.name),
  ]);
  return stream.Component.flatMap(({ index, doc }) => {
    const application = doc.spec.application;
    if (!applications.has(application)) {
      error(index, "spec.application", `No application "${application}" in the space or the YAML.`);
      return [];
    }
    const credential = doc.metadata.annotations[CREDENTIAL];
    const notes =
      credential === undefined || state.credentialRepositories.has(credential)
        ? []
        : [
            `This space has no credential for ${credential}: add it under Repository credentials before Argo CD reads the repository.`,
          ];
    const existing = state.components.find(
      (c) => c.application === application && c.name === doc.spec.componentName,
    );
    return [
      planItem(
        { index, kind: "Component", name: `${application}/${doc.spec.componentName}`, notes },
        existing ? view(rowFields(existing)) : null,
        view(componentFields(doc)),
        null,
      ),
    ];
  });
}

export async function applyComponents(apply: TApplyContext): Promise<void> {
  // A new application's components were created with it.
  const newApplications = new Set(
    apply.stream.Application.filter((app) => apply.items.get(app.index)?.action === "create").map(
      (app) => app.doc.metadata.name,
    ),
  );
  await eachChange(changing(apply.stream.Component, apply.items), async ({ entry, item }) => {
    const application = entry.doc.spec.application;
    if (newApplications.has(application)) return;
    const fields = componentFields(entry.doc);
    if (item.action === "update") {
      await updateComponent(apply.ctx, { application, component: fields.name, ...fields });
    } else {
      await createComponent(apply.ctx, { application, ...fields });
    }
  });
}
