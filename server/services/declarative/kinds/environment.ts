// Environment: upstream's spec (displayName, deploymentStrategy, parentEnvironment, tags,
// configuration.env, configuration.target.deploymentTargetClaim.claimName) plus Slipway's type,
// description, quota, contributor namespaces and cluster as annotations. The namespace is not
// declared: Slipway names it from the space and the environment, so an import into another space
// gets its own. Cluster credentials never travel: a cluster is named, never described.
import { z } from "zod";
import { ENVIRONMENT_TYPES, hardToQuota, QUOTA_FIELDS } from "@/lib/environment-defaults";
import { dnsLabel } from "@/lib/validators/dns-label";
import {
  DEPLOYMENT_STRATEGIES,
  ZEnvironmentNameSchema,
  ZQuotaSchema,
  ZTagsSchema,
  ZVariablesSchema,
} from "@/lib/validators/environment";
import { ZDescriptionSchema, ZDisplayNameSchema } from "@/lib/validators/space";
import { createEnvironment } from "../../environments/create-environment";
import { updateEnvironment } from "../../environments/update-environment";
import {
  annotations,
  API_VERSION,
  documentSchema,
  labelMetadata,
  type TDocument,
} from "../document";
import { planItem, refused, type TPlanItem } from "../plan-types";
import type { TSpaceState, TStateEnvironment } from "../space-state";
import { changing, eachChange, type TApplyContext, type TPlanContext } from "./kind-context";

const QUOTA_KEYS = Object.values(QUOTA_FIELDS) as string[];

/** "requests.cpu=1,pods=10" → { "requests.cpu": "1", pods: "10" }, or a message. */
function parseQuota(text: string): Record<string, string> | string {
  const hard: Record<string, string> = {};
  for (const pair of text.split(",").map((p) => p.trim())) {
    const [key, value, extra] = pair.split("=").map((p) => p.trim());
    if (!key || value === undefined || extra !== undefined || !QUOTA_KEYS.includes(key)) {
      return `Write the quota as key=value pairs separated by commas, with keys ${QUOTA_KEYS.join(", ")}.`;
    }
    hard[key] = value;
  }
  return hard;
}

const formatQuota = (hard: Record<string, string>) =>
  QUOTA_KEYS.filter((key) => hard[key] !== undefined)
    .map((key) => `${key}=${hard[key]}`)
    .join(",");

const TYPE = "slipway.dev/type";
const DESCRIPTION = "slipway.dev/description";
const CLUSTER = "slipway.dev/cluster";
const QUOTA = "slipway.dev/quota";
const CONTRIBUTOR_NAMESPACES = "slipway.dev/contributor-namespaces";

export const ZEnvironmentDocumentSchema = documentSchema(
  "Environment",
  z.object({
    displayName: ZDisplayNameSchema,
    deploymentStrategy: z
      .enum(DEPLOYMENT_STRATEGIES, { message: "Choose Manual or AppStudioAutomated." })
      .default("Manual"),
    parentEnvironment: ZEnvironmentNameSchema.optional(),
    tags: ZTagsSchema.default([]),
    configuration: z
      .object({
        env: ZVariablesSchema.default([]),
        target: z
          .object({
            deploymentTargetClaim: z.object({ claimName: dnsLabel("Claim name") }),
          })
          .optional(),
      })
      .prefault({}),
    unstableConfigurationFields: z
      .unknown()
      .optional()
      .refine(
        (value) => value === undefined,
        `Slipway takes no cluster credentials from YAML: register the cluster and name it in the ${CLUSTER} annotation.`,
      ),
  }),
  labelMetadata(ZEnvironmentNameSchema, {
    [TYPE]: z
      .enum(ENVIRONMENT_TYPES, { message: "Choose build, dev, test, stage, run or custom." })
      .default("custom"),
    [DESCRIPTION]: ZDescriptionSchema.default(""),
    [CLUSTER]: dnsLabel("Cluster name").optional(),
    [QUOTA]: z.string().optional(),
    [CONTRIBUTOR_NAMESPACES]: z
      .enum(["true", "false"], { message: 'Write "true" or "false".' })
      .default("true"),
  }),
).superRefine((doc, ctx) => {
  const onCluster = doc.metadata.annotations[CLUSTER] !== undefined;
  const onClaim = doc.spec.configuration.target !== undefined;
  if (onCluster === onClaim) {
    ctx.addIssue({
      code: "custom",
      path: ["metadata", "annotations", CLUSTER],
      message: `Name a cluster in the ${CLUSTER} annotation or a claim in spec.configuration.target.deploymentTargetClaim.claimName (one of them).`,
    });
  }
  const quota = doc.metadata.annotations[QUOTA];
  if (quota !== undefined) {
    const parsed = parseQuota(quota);
    const problem =
      typeof parsed === "string"
        ? parsed
        : ZQuotaSchema.safeParse(hardToQuota(parsed, doc.metadata.annotations[TYPE])).error
            ?.issues[0]?.message;
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["metadata", "annotations", QUOTA], message: problem });
    }
  }
});
type TEnvironmentDocument = z.infer<typeof ZEnvironmentDocumentSchema>;

export const environmentIdentity = (doc: TEnvironmentDocument) => doc.metadata.name;

/** The fields an environment declares, the same from a row and from a document. */
function rowView(env: TStateEnvironment) {
  return {
    displayName: env.displayName,
    description: env.description,
    type: env.type,
    cluster: env.claimName ? null : env.clusterName,
    claim: env.claimName,
    parentEnvironment: env.parentName,
    deploymentStrategy: env.deploymentStrategy,
    tags: env.tags,
    env: env.variables,
    quota: formatQuota(env.quota),
    contributorNamespaces: env.contributorNamespaces,
  };
}
type TEnvironmentView = ReturnType<typeof rowView>;

function documentView(doc: TEnvironmentDocument): TEnvironmentView {
  const type = doc.metadata.annotations[TYPE];
  const quota = doc.metadata.annotations[QUOTA];
  const hard = quota === undefined ? {} : parseQuota(quota);
  return {
    displayName: doc.spec.displayName,
    description: doc.metadata.annotations[DESCRIPTION],
    type,
    cluster: doc.metadata.annotations[CLUSTER] ?? null,
    claim: doc.spec.configuration.target?.deploymentTargetClaim.claimName ?? null,
    parentEnvironment: doc.spec.parentEnvironment ?? null,
    deploymentStrategy: doc.spec.deploymentStrategy,
    tags: doc.spec.tags,
    env: doc.spec.configuration.env,
    // Absent keys take the type's defaults, as the form does.
    quota: formatQuota(
      Object.fromEntries(
        Object.entries(hardToQuota(typeof hard === "string" ? {} : hard, type)).map(
          ([field, value]) => [QUOTA_FIELDS[field as keyof typeof QUOTA_FIELDS], value],
        ),
      ),
    ),
    contributorNamespaces: doc.metadata.annotations[CONTRIBUTOR_NAMESPACES] === "true",
  };
}

function toDocument(name: string, view: TEnvironmentView, env: TStateEnvironment): TDocument {
  const configuration = {
    ...(view.env.length > 0 ? { env: view.env } : {}),
    ...(view.claim ? { target: { deploymentTargetClaim: { claimName: view.claim } } } : {}),
  };
  return {
    apiVersion: API_VERSION,
    kind: "Environment",
    metadata: {
      name,
      annotations: annotations({
        type: view.type,
        description: view.description,
        cluster: view.cluster,
        quota: view.quota,
        "contributor-namespaces": String(view.contributorNamespaces),
      }),
    },
    spec: {
      displayName: view.displayName,
      deploymentStrategy: view.deploymentStrategy,
      ...(view.parentEnvironment ? { parentEnvironment: view.parentEnvironment } : {}),
      ...(view.tags.length > 0 ? { tags: view.tags } : {}),
      ...(Object.keys(configuration).length > 0 ? { configuration } : {}),
    },
    ...(env.status.conditions.length > 0 ? { status: { conditions: env.status.conditions } } : {}),
  };
}

export function environmentDocuments(state: TSpaceState): TDocument[] {
  return state.environments
    .filter((env) => !env.deletionRequestedAt)
    .map((env) => toDocument(env.name, rowView(env), env));
}

/** The promotion graph after the import: the space's parents, overridden by the stream's. */
function finalParents({ state, stream }: TPlanContext): Map<string, string | null> {
  const parents = new Map(state.environments.map((e) => [e.name, e.parentName]));
  for (const { doc } of stream.Environment) {
    parents.set(doc.metadata.name, doc.spec.parentEnvironment ?? null);
  }
  return parents;
}

/** The loop through `name` in the final graph, parent → child, or null. */
function cycleThrough(name: string, parents: Map<string, string | null>): string[] | null {
  const path = [name];
  let at = parents.get(name) ?? null;
  for (let steps = 0; at !== null && steps <= parents.size; steps += 1) {
    path.push(at);
    if (at === name) return path.reverse();
    at = parents.get(at) ?? null;
  }
  return null;
}

export function planEnvironments(context: TPlanContext): TPlanItem[] {
  const { state, stream, error } = context;
  const known = new Set([
    ...state.environments.map((e) => e.name),
    ...stream.Environment.map((e) => e.doc.metadata.name),
  ]);
  const claims = new Set([
    ...state.claims.map((c) => c.name),
    ...stream.DeploymentTargetClaim.map((c) => c.doc.metadata.name),
  ]);
  const parents = finalParents(context);
  return stream.Environment.flatMap(({ index, doc }) => {
    const name = doc.metadata.name;
    const view = documentView(doc);
    let resolved = true;
    if (view.parentEnvironment !== null && !known.has(view.parentEnvironment)) {
      error(
        index,
        "spec.parentEnvironment",
        `No environment "${view.parentEnvironment}" in the space or the YAML.`,
      );
      resolved = false;
    }
    if (view.cluster !== null && !state.clusterIds.has(view.cluster)) {
      error(
        index,
        `metadata.annotations["${CLUSTER}"]`,
        `No cluster "${view.cluster}" is registered.`,
      );
      resolved = false;
    }
    if (view.claim !== null && !claims.has(view.claim)) {
      error(
        index,
        "spec.configuration.target.deploymentTargetClaim.claimName",
        `No deployment target claim "${view.claim}" in the space or the YAML.`,
      );
      resolved = false;
    }
    if (!resolved) return [];
    const base = { index, kind: "Environment" as const, name };
    const existing = state.environments.find((e) => e.name === name);
    if (existing?.deletionRequestedAt) {
      return [
        refused(base, `Environment "${name}" is being deleted; it can no longer be changed.`),
      ];
    }
    const cycle = cycleThrough(name, parents);
    if (cycle) {
      return [
        refused(base, `That would make a cycle in the promotion order: ${cycle.join(" → ")}.`),
      ];
    }
    return [
      planItem(base, existing ? rowView(existing) : null, view, {
        fields: ["type", "cluster", "claim"],
        reason:
          "An environment's type, cluster and claim never change: delete it and create another.",
      }),
    ];
  });
}

/** Parents before children (the final graph has no cycle once the plan refused none). */
function parentsFirst<TEntry extends { entry: { doc: TEnvironmentDocument } }>(
  entries: TEntry[],
): TEntry[] {
  const byName = new Map(entries.map((e) => [e.entry.doc.metadata.name, e]));
  const ordered: TEntry[] = [];
  const visit = (entry: TEntry, depth: number) => {
    if (ordered.includes(entry) || depth > entries.length) return;
    const parent = entry.entry.doc.spec.parentEnvironment;
    const parentEntry = parent === undefined ? undefined : byName.get(parent);
    if (parentEntry) visit(parentEntry, depth + 1);
    ordered.push(entry);
  };
  for (const entry of entries) visit(entry, 0);
  return ordered;
}

export async function applyEnvironments(apply: TApplyContext): Promise<void> {
  await eachChange(
    parentsFirst(changing(apply.stream.Environment, apply.items)),
    async ({ entry, item }) => {
      const view = documentView(entry.doc);
      const parentId =
        view.parentEnvironment === null
          ? null
          : (apply.environmentIds.get(view.parentEnvironment) ?? null);
      const quota = hardToQuota(
        Object.fromEntries(
          view.quota.split(",").map((pair) => pair.split("=") as [string, string]),
        ),
        view.type,
      );
      const fields = {
        displayName: view.displayName,
        description: view.description,
        parentId,
        deploymentStrategy: view.deploymentStrategy,
        variables: view.env,
        tags: view.tags,
        quota,
        contributorNamespaces: view.contributorNamespaces,
      };
      if (item.action === "update") {
        await updateEnvironment(apply.ctx, { environment: item.name, ...fields });
        return;
      }
      const row = await createEnvironment(apply.ctx, {
        ...fields,
        name: item.name,
        type: view.type,
        clusterId:
          view.cluster === null ? null : (apply.state.clusterIds.get(view.cluster) ?? null),
        claimId: view.claim === null ? null : (apply.claimIds.get(view.claim) ?? null),
        namespace: "",
        expiresAt: null,
      });
      apply.environmentIds.set(row.name, row.id);
    },
  );
}
