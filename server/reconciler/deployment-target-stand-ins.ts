// STAND-INS, to be replaced at merge: minimal versions of what other branches provide, with the
// names and shapes agreed in INTERFACES.md, so the deployment target reconcilers run and are
// tested before those branches land. Each says what replaces it.
//   buildTargetObjects          → server/k8s/manifests (H2)
//   applyObjects, deleteObjects → server/k8s/apply.ts applyObjects / deleteOwnedObjects (H2)
//   requestServiceAccountToken  → server/k8s (H2)
//   sealSecret                  → server/crypto/secret-box.ts (H1)
//   isRetryable                 → explainKubernetesError(error).retryable (H1)
//   TARGET_OWNER_LABELS         → server/k8s/labels.ts ownerLabels (H2)
import { randomBytes } from "node:crypto";
import {
  ApiException,
  CoreV1Api,
  PatchStrategy,
  type KubernetesObject,
} from "@kubernetes/client-node";
import type {
  TApplyOutcome,
  TTargetClusterClient,
  TTargetObjectsInput,
  TTargetReconcileDeps,
} from "./deployment-target-deps";

const FIELD_MANAGER = "slipway";

function ownerLabels(targetId: string): Record<string, string> {
  return {
    "app.kubernetes.io/managed-by": "slipway",
    "slipway.dev/owner-kind": "target",
    "slipway.dev/owner-id": targetId,
  };
}

export function buildTargetObjects(input: TTargetObjectsInput): KubernetesObject[] {
  const labels = ownerLabels(input.targetId);
  const namespace = input.namespace;
  const objects: KubernetesObject[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, labels } },
  ];
  if (Object.keys(input.quota).length > 0) {
    objects.push({
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "deployment-target", namespace, labels },
      spec: { hard: input.quota },
    } as KubernetesObject);
  }
  objects.push(
    {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: input.serviceAccount, namespace, labels },
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: `${input.serviceAccount}-admin`, namespace, labels },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" },
      subjects: [{ kind: "ServiceAccount", name: input.serviceAccount, namespace }],
    } as KubernetesObject,
  );
  return objects;
}

export async function applyObjects(
  client: TTargetClusterClient,
  objects: KubernetesObject[],
): Promise<TApplyOutcome[]> {
  // In order: the namespace must exist before what lives in it.
  const outcomes: TApplyOutcome[] = [];
  for (const desired of objects) {
    try {
      await client.objects.patch(
        desired,
        undefined,
        undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
      outcomes.push({ desired });
    } catch (error) {
      outcomes.push({ desired, error });
    }
  }
  return outcomes;
}

const statusOf = (error: unknown) => (error instanceof ApiException ? error.code : undefined);

export async function deleteObjects(
  client: TTargetClusterClient,
  objects: KubernetesObject[],
): Promise<{ remaining: number }> {
  let remaining = 0;
  // Namespaced objects first, the namespace last.
  for (const object of [...objects].reverse()) {
    try {
      await client.objects.delete(object);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    try {
      await client.objects.read({
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: { name: object.metadata?.name ?? "", namespace: object.metadata?.namespace },
      });
      remaining += 1;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
  return { remaining };
}

export async function requestServiceAccountToken(
  client: TTargetClusterClient,
  namespace: string,
  serviceAccount: string,
  expirationSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const core = client.kubeConfig.makeApiClient(CoreV1Api);
  const answer = await core.createNamespacedServiceAccountToken({
    name: serviceAccount,
    namespace,
    body: { spec: { audiences: [], expirationSeconds } },
  });
  const token = answer.status?.token;
  const expiresAt = answer.status?.expirationTimestamp;
  if (!token || !expiresAt) throw new Error("TokenRequest answered without a token");
  return { token, expiresAt: new Date(expiresAt) };
}

/** NOT encryption: marks the value so nothing mistakes it for sealed. H1's sealSecret replaces it. */
export function sealSecret(plaintext: string): { sealed: string; keyId: string } {
  return {
    sealed: `stand-in:${randomBytes(4).toString("hex")}:${Buffer.from(plaintext).toString("base64")}`,
    keyId: "stand-in",
  };
}

export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined) return true; // unreachable, reset, timeout
  return status === 409 || status === 429 || status >= 500;
}

/** The dependencies with the stand-ins; the lead swaps in the real ones as the branches land. */
export function standInTargetDeps(
  base: Pick<TTargetReconcileDeps, "db" | "clientFor"> & Partial<TTargetReconcileDeps>,
): TTargetReconcileDeps {
  return {
    buildTargetObjects,
    applyObjects,
    deleteObjects,
    requestServiceAccountToken,
    sealSecret,
    isRetryable,
    now: () => new Date(),
    ...base,
  };
}
