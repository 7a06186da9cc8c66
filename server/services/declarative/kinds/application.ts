// Application: upstream's spec.displayName. A new application is created with the components the
// stream declares for it, in one step, as the Create App flow does.
import { z } from "zod";
import { ZApplicationNameSchema } from "@/lib/validators/application";
import { ZDisplayNameSchema } from "@/lib/validators/space";
import { createApplication } from "../../applications/create-application";
import { updateApplication } from "../../applications/update-application";
import { API_VERSION, documentSchema, labelMetadata, type TDocument } from "../document";
import { planItem, refused, type TPlanItem } from "../plan-types";
import type { TSpaceState } from "../space-state";
import { componentFields } from "./component";
import { changing, eachChange, type TApplyContext, type TPlanContext } from "./kind-context";

export const ZApplicationDocumentSchema = documentSchema(
  "Application",
  z.object({ displayName: ZDisplayNameSchema }),
  labelMetadata(ZApplicationNameSchema, {}),
);
type TApplicationDocument = z.infer<typeof ZApplicationDocumentSchema>;

export const applicationIdentity = (doc: TApplicationDocument) => doc.metadata.name;

export function applicationDocuments(state: TSpaceState): TDocument[] {
  return state.applications.map((app) => ({
    apiVersion: API_VERSION,
    kind: "Application",
    metadata: { name: app.name },
    spec: { displayName: app.displayName },
  }));
}

export function planApplications({ state, stream }: TPlanContext): TPlanItem[] {
  return stream.Application.map(({ index, doc }) => {
    const name = doc.metadata.name;
    const base = { index, kind: "Application" as const, name };
    const existing = state.applications.find((app) => app.name === name);
    if (!existing && !stream.Component.some((c) => c.doc.spec.application === name)) {
      return refused(base, `A new application needs at least one Component in the YAML.`);
    }
    return planItem(
      base,
      existing ? { displayName: existing.displayName } : null,
      { displayName: doc.spec.displayName },
      null,
    );
  });
}

export async function applyApplications(apply: TApplyContext): Promise<void> {
  await eachChange(changing(apply.stream.Application, apply.items), async ({ entry, item }) => {
    const name = entry.doc.metadata.name;
    if (item.action === "update") {
      await updateApplication(apply.ctx, {
        application: name,
        displayName: entry.doc.spec.displayName,
      });
      return;
    }
    await createApplication(apply.ctx, {
      name,
      displayName: entry.doc.spec.displayName,
      components: apply.stream.Component.filter((c) => c.doc.spec.application === name).map((c) =>
        componentFields(c.doc),
      ),
    });
  });
}
