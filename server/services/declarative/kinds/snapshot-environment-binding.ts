// SnapshotEnvironmentBinding: upstream's application, environment, snapshot and
// components[].configuration.{replicas, env, resources}, plus Slipway's components[].syncMode
// (upstream GitOpsDeployment `type`), written only when manual. Slipway names a binding by its
// (application, environment) pair, exported as "<application>-<environment>"; the pair never
// changes, the snapshot and the configuration do.
import { z } from "zod";
import { ZApplicationNameSchema } from "@/lib/validators/application";
import { ZCreateBindingSchema, type TBindingComponent } from "@/lib/validators/binding";
import { ZEnvironmentNameSchema } from "@/lib/validators/environment";
import { ZSnapshotNameSchema } from "@/lib/validators/snapshot";
import { createBinding } from "../../bindings/create-binding";
import { updateBinding } from "../../bindings/update-binding";
import { API_VERSION, documentSchema, type TDocument } from "../document";
import { planItem, refused, type TPlanItem } from "../plan-types";
import type { TSpaceState, TStateBinding } from "../space-state";
import { changing, eachChange, type TApplyContext, type TPlanContext } from "./kind-context";
import { componentsByApplication } from "./snapshot";

export const ZBindingDocumentSchema = documentSchema(
  "SnapshotEnvironmentBinding",
  z.object({
    application: ZApplicationNameSchema,
    environment: ZEnvironmentNameSchema,
    snapshot: ZSnapshotNameSchema,
    components: ZCreateBindingSchema.shape.components,
  }),
);
type TBindingDocument = z.infer<typeof ZBindingDocumentSchema>;

export const bindingIdentity = (doc: TBindingDocument) =>
  `${doc.spec.application}/${doc.spec.environment}`;

const bindingName = (binding: { application: string; environment: string }) =>
  `${binding.application}-${binding.environment}`;

/** Upstream's shape, leaving out what is not set (the GitOps source's own value stands). */
function configurationOf({ configuration }: TBindingComponent) {
  const resources = Object.fromEntries(
    (["requests", "limits"] as const).flatMap((kind) => {
      const list = Object.fromEntries(
        Object.entries(configuration.resources[kind]).filter(([, value]) => value !== ""),
      );
      return Object.keys(list).length > 0 ? [[kind, list]] : [];
    }),
  );
  return {
    ...(configuration.replicas === null ? {} : { replicas: configuration.replicas }),
    ...(configuration.env.length > 0 ? { env: configuration.env } : {}),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
  };
}

export function bindingDocuments(state: TSpaceState): TDocument[] {
  return state.bindings.map((row) => ({
    apiVersion: API_VERSION,
    kind: "SnapshotEnvironmentBinding",
    metadata: {
      name: bindingName(row),
      labels: {
        "appstudio.application": row.application,
        "appstudio.environment": row.environment,
      },
    },
    spec: {
      application: row.application,
      environment: row.environment,
      snapshot: row.snapshot,
      components: row.components.map((c) => ({
        name: c.name,
        ...(c.syncMode === "manual" ? { syncMode: c.syncMode } : {}),
        configuration: configurationOf(c),
      })),
    },
    ...(row.status.conditions.length > 0
      ? { status: { bindingConditions: row.status.conditions } }
      : {}),
  }));
}

const rowView = (row: TStateBinding) => ({ snapshot: row.snapshot, components: row.components });

export function planBindings(context: TPlanContext): TPlanItem[] {
  const { state, stream, error } = context;
  const has = (names: string[], name: string) => names.includes(name);
  const applications = [
    ...state.applications.map((x) => x.name),
    ...stream.Application.map((x) => x.doc.metadata.name),
  ];
  const environments = [
    ...state.environments.map((x) => x.name),
    ...stream.Environment.map((x) => x.doc.metadata.name),
  ];
  const snapshots = [
    ...state.snapshots.map((x) => `${x.application}/${x.name}`),
    ...stream.Snapshot.map((x) => `${x.doc.spec.application}/${x.doc.metadata.name}`),
  ];
  const componentNames = componentsByApplication(context);
  return stream.SnapshotEnvironmentBinding.flatMap(({ index, doc }) => {
    const { application, environment, snapshot } = doc.spec;
    let resolved = true;
    const fail = (path: string, message: string) => {
      resolved = false;
      error(index, path, message);
    };
    if (!has(applications, application)) {
      fail("spec.application", `No application "${application}" in the space or the YAML.`);
    } else if (!has(snapshots, `${application}/${snapshot}`)) {
      fail(
        "spec.snapshot",
        `Application "${application}" has no snapshot "${snapshot}" in the space or the YAML.`,
      );
    }
    if (!has(environments, environment)) {
      fail("spec.environment", `No environment "${environment}" in the space or the YAML.`);
    }
    doc.spec.components.forEach((c, i) => {
      if (has(applications, application) && !componentNames.get(application)?.has(c.name)) {
        fail(
          `spec.components[${i}].name`,
          `Application "${application}" has no component "${c.name}".`,
        );
      }
    });
    if (!resolved) return [];
    const base = { index, kind: "SnapshotEnvironmentBinding" as const, name: doc.metadata.name };
    const named = state.bindings.find((b) => bindingName(b) === doc.metadata.name);
    if (named && (named.application !== application || named.environment !== environment)) {
      return [
        refused(
          base,
          `Binding "${doc.metadata.name}" deploys ${named.application} to ${named.environment}; a binding's application and environment never change. Bind ${application} to ${environment} under another name.`,
        ),
      ];
    }
    const existing = state.bindings.find(
      (b) => b.application === application && b.environment === environment,
    );
    return [
      planItem(
        base,
        existing ? rowView(existing) : null,
        { snapshot, components: doc.spec.components },
        null,
      ),
    ];
  });
}

export async function applyBindings(apply: TApplyContext): Promise<void> {
  await eachChange(
    changing(apply.stream.SnapshotEnvironmentBinding, apply.items),
    async ({ entry, item }) => {
      const input = {
        application: entry.doc.spec.application,
        environment: entry.doc.spec.environment,
        snapshot: entry.doc.spec.snapshot,
        components: entry.doc.spec.components,
      };
      if (item.action === "update") await updateBinding(apply.ctx, input);
      else await createBinding(apply.ctx, input);
    },
  );
}
