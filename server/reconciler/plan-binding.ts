// The Argo CD objects a binding asks for, computed from what its pass loaded: one Application per
// component of the snapshot (the component's GitOps source, the snapshot's image, the binding's
// configuration) and one repository Secret per credential those sources need. Pure.
import type { KubernetesObject } from "@kubernetes/client-node";
import type { TArgoCondition } from "@/db/schema/gitops";
import {
  buildArgoApplication,
  IN_CLUSTER_SERVER,
  type TArgoApplication,
} from "@/server/k8s/manifests/argo-application";
import {
  buildArgoRepositorySecret,
  type TRepositoryAuth,
} from "@/server/k8s/manifests/argo-repository-secret";
import { buildApplicationAccess } from "@/server/k8s/manifests/argo-application-access";
import type { TMemberRole } from "@/server/k8s/manifests/environment-objects";
import type { TBindingComponent, TSyncMode } from "@/lib/validators/binding";
import type { TPassComponent, TPassCredential } from "./load-binding-for-pass";

export interface TBindingPlanInput {
  bindingId: string;
  spaceName: string;
  applicationName: string;
  environmentName: string;
  namespace: string;
  argoCdNamespace: string;
  /** IN_CLUSTER_SERVER, or the environment cluster's API URL when a hub's Argo CD deploys there. */
  destinationServer?: string;
  components: TPassComponent[];
  images: { name: string; image: string }[];
  configuration: TBindingComponent[];
  credentials: TPassCredential[];
  /** Members of the space by verified e-mail: who may read and sync the Applications as themselves. */
  members: { email: string; role: TMemberRole }[];
  /** Opens a sealed credential secret. */
  open: (sealed: string) => string;
}

export interface TPlannedDeployment {
  componentName: string;
  application: TArgoApplication;
  syncMode: TSyncMode;
  slipwayConditions: TArgoCondition[];
}

export interface TBindingPlan {
  deployments: TPlannedDeployment[];
  /** Components of the snapshot the application no longer has: nothing to deploy them from. */
  missing: string[];
  objects: KubernetesObject[];
}

const NO_CONFIGURATION: TBindingComponent["configuration"] = {
  replicas: null,
  env: [],
  resources: { requests: { cpu: "", memory: "" }, limits: { cpu: "", memory: "" } },
};

/**
 * A component the binding does not configure syncs automatically, as upstream's bindings make
 * automated GitOpsDeployments; `manual` ones deploy only through sync runs.
 */
const DEFAULT_SYNC_MODE: TSyncMode = "automated";

function authOf(credential: TPassCredential, secret: string): TRepositoryAuth {
  return credential.kind === "https"
    ? { kind: "https", username: credential.username ?? "", password: secret }
    : { kind: "ssh", sshPrivateKey: secret };
}

export function planBinding(input: TBindingPlanInput): TBindingPlan {
  const byName = new Map(input.components.map((c) => [c.name, c]));
  const deployments: TPlannedDeployment[] = [];
  const missing: string[] = [];
  const repositories = new Set<string>();
  for (const { name, image } of input.images) {
    const component = byName.get(name);
    if (!component) {
      missing.push(name);
      continue;
    }
    repositories.add(component.repoUrl);
    const configured = input.configuration.find((c) => c.name === name);
    const sync = configured?.syncMode ?? DEFAULT_SYNC_MODE;
    const built = buildArgoApplication({
      bindingId: input.bindingId,
      spaceName: input.spaceName,
      applicationName: input.applicationName,
      environmentName: input.environmentName,
      componentName: name,
      argoCdNamespace: input.argoCdNamespace,
      destinationServer: input.destinationServer ?? IN_CLUSTER_SERVER,
      destinationNamespace: input.namespace,
      source: component,
      componentImage: component.containerImage,
      image,
      configuration: configured?.configuration ?? NO_CONFIGURATION,
      sync,
    });
    const unapplied = built.unappliedOverrides;
    deployments.push({
      componentName: name,
      application: built.application,
      syncMode: sync,
      slipwayConditions:
        unapplied.length > 0
          ? [
              {
                type: "OverridesNotApplied",
                message: `A plain directory source takes no overrides; deployed as in Git without: ${unapplied.join(", ")}. Use kustomize or helm to override.`,
              },
            ]
          : [],
    });
  }
  const secrets = input.credentials
    .filter((c) => repositories.has(c.repository))
    .map((credential) =>
      buildArgoRepositorySecret({
        bindingId: input.bindingId,
        credentialId: credential.id,
        spaceName: input.spaceName,
        environmentName: input.environmentName,
        argoCdNamespace: input.argoCdNamespace,
        repository: credential.repository,
        auth: authOf(credential, input.open(credential.secret)),
      }),
    );
  const applicationObjects = deployments.map((d) => d.application);
  const access = buildApplicationAccess({
    bindingId: input.bindingId,
    spaceName: input.spaceName,
    environmentName: input.environmentName,
    argoCdNamespace: input.argoCdNamespace,
    applicationNames: applicationObjects.map((a) => a.metadata.name),
    members: input.members,
  });
  return {
    deployments,
    missing,
    objects: [...secrets, ...applicationObjects, ...access],
  };
}
