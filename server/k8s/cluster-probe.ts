// The connectivity check behind a cluster's status: can Slipway reach the API server with these
// credentials, which version it runs, whether Argo CD's Application kind is served, and whether the
// credentials may create what environments need, and members' Argo CD roles where Argo CD runs
// (SelfSubjectAccessReview, so nothing is written).
import {
  AuthorizationV1Api,
  CustomObjectsApi,
  VersionApi,
  type KubeConfig,
} from "@kubernetes/client-node";
import type { TClusterProbe } from "@/db/schema";
import { probeArgoCdRoles } from "./argo-cd-role-probe";
import type { TClusterConnection } from "./connection";
import { explainKubernetesError, KubernetesTimeoutError } from "./explain-error";
import { kubeConfigFor } from "./kube-config-for";

/** What environments and deployment targets create on a cluster. */
export const REQUIRED_PERMISSIONS = [
  { resource: "namespaces", group: "", clusterScoped: true },
  { resource: "resourcequotas", group: "" },
  { resource: "limitranges", group: "" },
  { resource: "serviceaccounts", group: "" },
  { resource: "networkpolicies", group: "networking.k8s.io" },
  { resource: "rolebindings", group: "rbac.authorization.k8s.io" },
] as const;

export interface TProbeOptions {
  /** The namespaces Slipway may use (empty: any); namespaced permissions are checked in the first. */
  namespaces?: readonly string[];
  /** Whether Slipway manages cluster-scoped resources (creates namespaces) there. */
  clusterResources?: boolean;
  /**
   * Where members' Argo CD roles are written: the cluster's Argo CD namespace when its own Argo CD
   * deploys to it (none in hub topology: the hub's credentials write them there).
   */
  argoCdNamespace?: string | null;
  timeoutSeconds?: number;
  /** A pooled KubeConfig (keep-alive agent); a one-off one is built otherwise. */
  kubeConfig?: KubeConfig;
}

export interface TProbeOutcome {
  probe: TClusterProbe;
  ready: boolean;
  /** PascalCase, for the Ready condition. */
  reason: string;
  message: string;
}

function withTimeout<T>(promise: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KubernetesTimeoutError(seconds)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function applicationServed(kc: KubeConfig): Promise<boolean | undefined> {
  try {
    const list = await kc
      .makeApiClient(CustomObjectsApi)
      .getAPIResources({ group: "argoproj.io", version: "v1alpha1" });
    return list.resources.some((r) => r.kind === "Application");
  } catch (error) {
    // Not served is a 404; anything else leaves the question open.
    return explainKubernetesError(error).status === 404 ? false : undefined;
  }
}

async function permissions(
  kc: KubeConfig,
  options: TProbeOptions,
): Promise<Record<string, boolean>> {
  const api = kc.makeApiClient(AuthorizationV1Api);
  const namespace = options.namespaces?.[0];
  const checks = REQUIRED_PERMISSIONS.filter(
    (p) => !("clusterScoped" in p) || options.clusterResources !== false,
  );
  const answers = await Promise.all(
    checks.map(async (p) => {
      const review = await api.createSelfSubjectAccessReview({
        body: {
          spec: {
            resourceAttributes: {
              verb: "create",
              group: p.group,
              resource: p.resource,
              namespace: "clusterScoped" in p ? undefined : namespace,
            },
          },
        },
      });
      return [`create ${p.resource}`, review.status?.allowed === true] as const;
    }),
  );
  return Object.fromEntries(answers);
}

export async function probeCluster(
  conn: TClusterConnection,
  options: TProbeOptions = {},
): Promise<TProbeOutcome> {
  const checkedAt = new Date().toISOString();
  const kc = options.kubeConfig ?? kubeConfigFor(conn);
  const seconds = options.timeoutSeconds ?? 10;
  try {
    const version = await withTimeout(kc.makeApiClient(VersionApi).getCode(), seconds);
    const argoCdNamespace = options.argoCdNamespace;
    const [granted, argo, roles] = await withTimeout(
      Promise.all([
        permissions(kc, options),
        applicationServed(kc),
        argoCdNamespace
          ? probeArgoCdRoles(kc.makeApiClient(AuthorizationV1Api), argoCdNamespace)
          : undefined,
      ]),
      seconds,
    );
    const probe: TClusterProbe = {
      checkedAt,
      serverVersion: version.gitVersion,
      argoCdApplicationServed: argo,
      permissions: { ...granted, ...roles?.permissions },
    };
    const denied = Object.entries(granted)
      .filter(([, allowed]) => !allowed)
      .map(([what]) => what.replace(/^create /, ""));
    const problems = [
      ...(denied.length > 0 ? [`cannot create ${denied.join(", ")}`] : []),
      ...(roles?.problems ?? []),
    ];
    if (problems.length > 0) {
      const message = `the credentials ${problems.join("; ")}`;
      return {
        probe: { ...probe, error: message },
        ready: false,
        reason: "InsufficientPermissions",
        message,
      };
    }
    return {
      probe,
      ready: true,
      reason: "Reachable",
      message: `reachable, Kubernetes ${version.gitVersion}`,
    };
  } catch (error) {
    const explained = explainKubernetesError(error);
    return {
      probe: { checkedAt, error: explained.message },
      ready: false,
      reason: explained.reason,
      message: explained.message,
    };
  }
}
