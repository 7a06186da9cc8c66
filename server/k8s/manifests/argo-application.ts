// The Argo CD Application that deploys one component of a binding: the component's GitOps source
// with the snapshot's image and the binding's replicas, env vars and resources laid over it, aimed
// at the environment's namespace. Argo CD renders and syncs it; Slipway never writes to Git.
//
// Overrides by source type:
// - kustomize: `images` (`<component image name>=<snapshot image>`), `replicas` on the Deployment
//   named like the component, and a strategic-merge `patch` on that Deployment's container named
//   like the component carrying env vars and resources.
// - helm: parameters `image.repository`, `image.tag` (or `image.digest`), `replicaCount`,
//   `env[i].name` / `env[i].value`, `resources.{requests,limits}.{cpu,memory}` — the names of the
//   chart `helm create` scaffolds (env as a list of name/value, as in a container spec).
// - directory: plain manifests take no overrides; the builder says so (`unappliedOverrides`) and
//   the deployment carries that as a condition.
import type { KubernetesObject } from "@kubernetes/client-node";
import { boundedName } from "@/lib/namespace-names";
import { parseOciReference } from "@/lib/oci-reference";
import type { TBindingComponent, TSyncMode } from "@/lib/validators/binding";
import { APPLICATION_LABEL, COMPONENT_LABEL } from "../labels";
import { managedLabels, type TObjectOwnership } from "./object-meta";

export const ARGO_API_VERSION = "argoproj.io/v1alpha1";
/** Argo CD's own name for "the cluster I run in". */
export const IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
/**
 * Application names become the `app.kubernetes.io/instance` label Argo CD tracks resources with,
 * so they keep to a label value's 63 characters rather than an object name's 253.
 */
export const APPLICATION_NAME_MAX = 63;
/**
 * Argo CD's cascade delete: with this finalizer, deleting the Application deletes what it
 * deployed, and the Application goes only once that is done (Argo CD removes the finalizer).
 */
export const RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";
/** Argo CD's retry for automated syncs: 5 tries, 5 s doubling up to 3 min. */
export const AUTOMATED_RETRY = {
  limit: 5,
  backoff: { duration: "5s", factor: 2, maxDuration: "3m" },
} as const;

export interface TGitopsSource {
  repoUrl: string;
  path: string;
  targetRevision: string;
  type: "kustomize" | "helm" | "directory";
}

export interface TArgoApplicationInput {
  bindingId: string;
  spaceName: string;
  applicationName: string;
  environmentName: string;
  componentName: string;
  /** Where Argo CD runs (the Application's namespace). */
  argoCdNamespace: string;
  /** IN_CLUSTER_SERVER, or the environment cluster's API URL registered on a hub. */
  destinationServer: string;
  destinationNamespace: string;
  source: TGitopsSource;
  /** The image the component's manifests in Git name (kustomize matches on its name). */
  componentImage: string;
  /** The snapshot's image for the component. */
  image: string;
  configuration: TBindingComponent["configuration"];
  sync: TSyncMode;
}

export interface TArgoApplication extends KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    finalizers: string[];
  };
  spec: Record<string, unknown>;
}

export interface TArgoApplicationResult {
  application: TArgoApplication;
  /** Overrides the source type cannot carry, in words; empty when all were applied. */
  unappliedOverrides: string[];
}

/** The Application's name: unique in an Argo CD namespace that serves many spaces. */
export function argoApplicationName(
  input: Pick<
    TArgoApplicationInput,
    "spaceName" | "applicationName" | "componentName" | "environmentName"
  >,
): string {
  const name = [input.spaceName, input.applicationName, input.componentName, input.environmentName]
    .join("-")
    .replace(/-+/g, "-");
  return boundedName(name, APPLICATION_NAME_MAX).replace(/-+$/, "");
}

/** `quay.io/team/app:1.2` → `quay.io/team/app`: what kustomize matches images by. */
function imageName(image: string): string {
  const parsed = parseOciReference(image);
  if (!parsed.ok) return image;
  const { domain, path } = parsed.reference;
  return domain ? `${domain}/${path}` : path;
}

type TResources = TBindingComponent["configuration"]["resources"];

/** Only the quantities the binding sets (empty means "as the source says"). */
function resourceOverrides(resources: TResources) {
  const pick = (list: TResources["requests"]) =>
    Object.fromEntries(Object.entries(list).filter(([, value]) => value !== ""));
  const requests = pick(resources.requests);
  const limits = pick(resources.limits);
  return {
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
}

function kustomizeOverrides(input: TArgoApplicationInput) {
  const { componentName, configuration } = input;
  const resources = resourceOverrides(configuration.resources);
  const container = {
    name: componentName,
    ...(configuration.env.length > 0 ? { env: configuration.env } : {}),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
  };
  const patch = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: componentName },
    spec: { template: { spec: { containers: [container] } } },
  };
  return {
    images: [`${imageName(input.componentImage)}=${input.image}`],
    ...(configuration.replicas !== null
      ? { replicas: [{ name: componentName, count: configuration.replicas }] }
      : {}),
    ...(Object.keys(container).length > 1
      ? {
          patches: [
            {
              target: { group: "apps", version: "v1", kind: "Deployment", name: componentName },
              patch: JSON.stringify(patch),
            },
          ],
        }
      : {}),
  };
}

function helmParameters(input: TArgoApplicationInput) {
  const { configuration } = input;
  const parsed = parseOciReference(input.image);
  const parameters: { name: string; value: string }[] = [];
  const add = (name: string, value: string) => parameters.push({ name, value });
  add("image.repository", imageName(input.image));
  if (parsed.ok && parsed.reference.digest) add("image.digest", parsed.reference.digest);
  else if (parsed.ok && parsed.reference.tag) add("image.tag", parsed.reference.tag);
  if (configuration.replicas !== null) add("replicaCount", String(configuration.replicas));
  configuration.env.forEach((variable, i) => {
    add(`env[${i}].name`, variable.name);
    add(`env[${i}].value`, variable.value);
  });
  const resources = resourceOverrides(configuration.resources);
  for (const [list, quantities] of Object.entries(resources)) {
    for (const [resource, value] of Object.entries(quantities)) {
      add(`resources.${list}.${resource}`, value);
    }
  }
  return parameters;
}

function directoryUnapplied(input: TArgoApplicationInput): string[] {
  const { configuration } = input;
  const unapplied = [`image ${input.image}`];
  if (configuration.replicas !== null) unapplied.push(`${configuration.replicas} replicas`);
  if (configuration.env.length > 0) unapplied.push(`${configuration.env.length} env vars`);
  if (Object.keys(resourceOverrides(configuration.resources)).length > 0) {
    unapplied.push("resources");
  }
  return unapplied;
}

export function buildArgoApplication(input: TArgoApplicationInput): TArgoApplicationResult {
  const { source } = input;
  const ownership: TObjectOwnership = {
    owner: { kind: "binding", id: input.bindingId },
    spaceName: input.spaceName,
    environmentName: input.environmentName,
  };
  const base = {
    repoURL: source.repoUrl,
    path: source.path,
    targetRevision: source.targetRevision,
  };
  const overridden =
    source.type === "kustomize"
      ? { ...base, kustomize: kustomizeOverrides(input) }
      : source.type === "helm"
        ? { ...base, helm: { parameters: helmParameters(input) } }
        : { ...base, directory: {} };
  const application: TArgoApplication = {
    apiVersion: ARGO_API_VERSION,
    kind: "Application",
    metadata: {
      name: argoApplicationName(input),
      namespace: input.argoCdNamespace,
      labels: {
        ...managedLabels(ownership),
        [APPLICATION_LABEL]: input.applicationName,
        [COMPONENT_LABEL]: input.componentName,
      },
      finalizers: [RESOURCES_FINALIZER],
    },
    spec: {
      project: "default",
      source: overridden,
      destination: { server: input.destinationServer, namespace: input.destinationNamespace },
      ...(input.sync === "automated"
        ? {
            syncPolicy: {
              automated: { prune: true, selfHeal: true, allowEmpty: false },
              retry: AUTOMATED_RETRY,
            },
          }
        : {}),
    },
  };
  return {
    application,
    unappliedOverrides: source.type === "directory" ? directoryUnapplied(input) : [],
  };
}
