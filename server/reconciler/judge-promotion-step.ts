// Whether a promotion step is done, failed or still waiting, from what the database holds of its
// binding and the binding's GitOps deployments (Argo CD's status as the binding reconciler copied
// it). A component is judged by the snapshot's image when its Application carries it (kustomize,
// helm), and by the synced revision when it cannot (a plain directory, pinned to a commit). Pure,
// so every rule is unit-tested; the promotion reconciler acts on the verdict.
import { findCondition, type TReconcileStatus } from "@/lib/conditions";
import type { TArgoCondition } from "@/db/schema/gitops";

export interface TStepBinding {
  snapshotId: string;
  generation: number;
  status: TReconcileStatus;
  deletionRequestedAt: Date | null;
}

export interface TStepDeployment {
  componentName: string;
  syncStatus: string | null;
  healthStatus: string | null;
  images: string[];
  /** The revision Argo CD last synced (status.sync.revision). */
  revision: string | null;
  conditions: TArgoCondition[];
  /** The Argo CD Application Slipway wrote: its source says how the component is judged. */
  manifest: Record<string, unknown>;
}

/**
 * A plain directory's Application takes no image override: what it runs is its pinned target
 * revision (promotions of anything else are refused up front). Null for kustomize and helm, whose
 * Applications carry the snapshot's image.
 */
export function pinnedDirectoryRevision(manifest: Record<string, unknown>): string | null {
  const spec = manifest.spec as { source?: { directory?: unknown; targetRevision?: unknown } };
  const source = spec?.source;
  if (!source?.directory || typeof source.targetRevision !== "string") return null;
  return source.targetRevision.toLowerCase();
}

/** Whether Argo CD reports the deployment running what the snapshot gives the component. */
function runsSnapshot(deployment: TStepDeployment, containerImage: string): boolean {
  const revision = pinnedDirectoryRevision(deployment.manifest);
  if (revision === null) return deployment.images.includes(containerImage);
  return deployment.revision?.toLowerCase() === revision;
}

export type TStepVerdict =
  | { kind: "success"; message: string }
  | { kind: "failure"; message: string }
  | { kind: "wait"; message: string };

// Argo CD's conditions that mean the snapshot cannot be deployed as it stands.
const ERROR_CONDITIONS = new Set(["SyncError", "ComparisonError"]);

export function judgePromotionStep(input: {
  snapshot: { id: string; name: string; images: { name: string; containerImage: string }[] };
  binding: TStepBinding | null;
  deployments: readonly TStepDeployment[];
}): TStepVerdict {
  const { snapshot, binding } = input;
  if (!binding || binding.deletionRequestedAt) {
    return { kind: "failure", message: "the binding was deleted while the promotion ran" };
  }
  if (binding.snapshotId !== snapshot.id) {
    return {
      kind: "failure",
      message: `the binding was changed to another snapshot while the promotion of "${snapshot.name}" ran`,
    };
  }
  if (binding.status.observedGeneration < binding.generation) {
    return { kind: "wait", message: "waiting for Slipway to write the Argo CD Applications" };
  }
  const stalled = findCondition(binding.status, "Stalled");
  if (stalled?.status === "True") {
    return { kind: "failure", message: binding.status.lastError ?? stalled.message };
  }
  const byComponent = new Map(input.deployments.map((d) => [d.componentName, d]));
  let deployed = 0;
  for (const { name, containerImage } of snapshot.images) {
    const deployment = byComponent.get(name);
    if (!deployment) continue;
    const error = deployment.conditions.find((c) => ERROR_CONDITIONS.has(c.type));
    if (error) return { kind: "failure", message: `${name}: ${error.type}: ${error.message}` };
    const runs = runsSnapshot(deployment, containerImage);
    // Degraded only counts once Argo CD reports on this snapshot, not the one before.
    if (runs && deployment.healthStatus === "Degraded") {
      const what = pinnedDirectoryRevision(deployment.manifest) ?? containerImage;
      return { kind: "failure", message: `${name} is Degraded in Argo CD running ${what}` };
    }
    if (runs && deployment.syncStatus === "Synced" && deployment.healthStatus === "Healthy") {
      deployed++;
    }
  }
  const total = snapshot.images.length;
  if (deployed === total) {
    return { kind: "success", message: `${total} of ${total} components Synced and Healthy` };
  }
  return {
    kind: "wait",
    message: `waiting for Argo CD: ${deployed} of ${total} components run the snapshot Synced and Healthy`,
  };
}

/** 600 → "10m", 90 → "90s": how a timeout reads in a message. */
export function formatTimeout(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}
