// The connectivity check behind a cluster's status: can Slipway reach the API server with these
// credentials, which version it runs, whether Argo CD's Application kind is served, and whether the
// credentials may create what environments need (SelfSubjectAccessReview, so nothing is written).
import {
  AuthorizationV1Api,
  CustomObjectsApi,
  VersionApi,
  type KubeConfig,
} from "@kubernetes/client-node";
import type { TClusterProbe } from "@/db/schema";
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
    const [granted, argo] = await withTimeout(
      Promise.all([permissions(kc, options), applicationServed(kc)]),
      seconds,
    );
    const probe: TClusterProbe = {
      checkedAt,
      serverVersion: version.gitVersion,
      argoCdApplicationServed: argo,
      permissions: granted,
    };
    const denied = Object.entries(granted)
      .filter(([, allowed]) => !allowed)
      .map(([what]) => what.replace(/^create /, ""));
    if (denied.length > 0) {
      const message = `the credentials cannot create ${denied.join(", ")}`;
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
