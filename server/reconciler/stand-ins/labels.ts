// stand-in until k8s-apply lands (server/k8s/labels.ts)
import type { TReconcileKind } from "@/server/services/reconcile/request-reconcile";
import { RECONCILE_KINDS } from "@/server/services/reconcile/request-reconcile";

export const FIELD_MANAGER = "slipway";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
const OWNER_KIND_LABEL = "slipway.dev/owner-kind";
const OWNER_ID_LABEL = "slipway.dev/owner-id";

export interface TOwner {
  kind: TReconcileKind;
  id: string;
}

export function ownerLabels(owner: TOwner): Record<string, string> {
  return {
    [MANAGED_BY_LABEL]: "slipway",
    [OWNER_KIND_LABEL]: owner.kind,
    [OWNER_ID_LABEL]: owner.id,
  };
}

export function ownerSelector(owner: TOwner): string {
  return Object.entries(ownerLabels(owner))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

export function ownerOfLabels(labels: Record<string, string> | undefined): TOwner | null {
  const kind = labels?.[OWNER_KIND_LABEL] as TReconcileKind | undefined;
  const id = labels?.[OWNER_ID_LABEL];
  if (labels?.[MANAGED_BY_LABEL] !== "slipway" || !kind || !id) return null;
  return RECONCILE_KINDS.includes(kind) ? { kind, id } : null;
}
