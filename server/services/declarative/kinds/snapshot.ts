// Snapshot: upstream's application, displayName, displayDescription, components[].containerImage
// and artifacts. Components and artifacts never change; only the two display fields do.
import { z } from "zod";
import { ZApplicationNameSchema } from "@/lib/validators/application";
import { ZCreateSnapshotSchema, ZSnapshotNameSchema } from "@/lib/validators/snapshot";
import { ZDescriptionSchema, ZDisplayNameSchema } from "@/lib/validators/space";
import { createSnapshot } from "../../snapshots/create-snapshot";
import { updateSnapshot } from "../../snapshots/update-snapshot";
import { API_VERSION, documentSchema, labelMetadata, type TDocument } from "../document";
import { planItem, type TPlanItem } from "../plan-types";
import type { TSpaceState, TStateSnapshot } from "../space-state";
import { changing, eachChange, type TApplyContext, type TPlanContext } from "./kind-context";

export const ZSnapshotDocumentSchema = documentSchema(
  "Snapshot",
  z.object({
    application: ZApplicationNameSchema,
    displayName: ZDisplayNameSchema,
    displayDescription: ZDescriptionSchema.default(""),
    components: ZCreateSnapshotSchema.shape.components,
    artifacts: ZCreateSnapshotSchema.shape.artifacts,
  }),
  labelMetadata(ZSnapshotNameSchema, {}),
);
type TSnapshotDocument = z.infer<typeof ZSnapshotDocumentSchema>;

export const snapshotIdentity = (doc: TSnapshotDocument) =>
  `${doc.spec.application}/${doc.metadata.name}`;

const byName = <T extends { name: string }>(list: readonly T[]) =>
  [...list].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));

function rowView(row: TStateSnapshot) {
  return {
    displayName: row.displayName,
    displayDescription: row.description,
    components: byName(row.images),
    artifacts: row.artifacts,
  };
}

export function snapshotDocuments(state: TSpaceState): TDocument[] {
  return state.snapshots.map((row) => {
    const view = rowView(row);
    return {
      apiVersion: API_VERSION,
      kind: "Snapshot",
      metadata: { name: row.name },
      spec: {
        application: row.application,
        displayName: view.displayName,
        ...(view.displayDescription ? { displayDescription: view.displayDescription } : {}),
        components: view.components,
        ...(Object.keys(view.artifacts).length > 0 ? { artifacts: view.artifacts } : {}),
      },
    };
  });
}

/** The component names each application will have after the import. */
export function componentsByApplication({ state, stream }: TPlanContext): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (application: string, component: string) =>
    names.set(application, (names.get(application) ?? new Set()).add(component));
  for (const c of state.components) add(c.application, c.name);
  for (const { doc } of stream.Component) add(doc.spec.application, doc.spec.componentName);
  return names;
}

export function planSnapshots(context: TPlanContext): TPlanItem[] {
  const { state, stream, error } = context;
  const applications = new Set([
    ...state.applications.map((app) => app.name),
    ...stream.Application.map((app) => app.doc.metadata.name),
  ]);
  const componentNames = componentsByApplication(context);
  return stream.Snapshot.flatMap(({ index, doc }) => {
    const application = doc.spec.application;
    if (!applications.has(application)) {
      error(index, "spec.application", `No application "${application}" in the space or the YAML.`);
      return [];
    }
    const unknown = doc.spec.components.flatMap((c, i) =>
      componentNames.get(application)?.has(c.name) ? [] : [{ c, i }],
    );
    for (const { c, i } of unknown) {
      error(
        index,
        `spec.components[${i}].name`,
        `Application "${application}" has no component "${c.name}".`,
      );
    }
    if (unknown.length > 0) return [];
    const existing = state.snapshots.find(
      (s) => s.application === application && s.name === doc.metadata.name,
    );
    const view = {
      displayName: doc.spec.displayName,
      displayDescription: doc.spec.displayDescription,
      components: byName(doc.spec.components),
      artifacts: doc.spec.artifacts,
    };
    return [
      planItem(
        { index, kind: "Snapshot", name: `${application}/${doc.metadata.name}` },
        existing ? rowView(existing) : null,
        view,
        {
          fields: ["components", "artifacts"],
          reason:
            "A snapshot's components, images and artifacts never change: create a new snapshot instead.",
        },
      ),
    ];
  });
}

export async function applySnapshots(apply: TApplyContext): Promise<void> {
  await eachChange(changing(apply.stream.Snapshot, apply.items), async ({ entry, item }) => {
    const { spec, metadata } = entry.doc;
    if (item.action === "update") {
      await updateSnapshot(apply.ctx, {
        application: spec.application,
        snapshot: metadata.name,
        displayName: spec.displayName,
        description: spec.displayDescription,
      });
      return;
    }
    await createSnapshot(apply.ctx, {
      application: spec.application,
      name: metadata.name,
      displayName: spec.displayName,
      description: spec.displayDescription,
      components: spec.components,
      artifacts: spec.artifacts,
    });
  });
}
