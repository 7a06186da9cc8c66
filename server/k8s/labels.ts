// Ownership labels: every object Slipway makes on a cluster says that Slipway manages it and which
// reconciled row owns it. Prune, delete and the informers find objects by these labels alone, so
// they never touch what someone else made, and a watch event maps straight back to its owner.

export const FIELD_MANAGER = "slipway";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "slipway";
export const OWNER_KIND_LABEL = "slipway.dev/owner-kind";
export const OWNER_ID_LABEL = "slipway.dev/owner-id";
/** Readable labels for people using kubectl; nothing selects on them. */
export const SPACE_LABEL = "slipway.dev/space";
export const ENVIRONMENT_LABEL = "slipway.dev/environment";
export const APPLICATION_LABEL = "slipway.dev/application";
export const COMPONENT_LABEL = "slipway.dev/component";

/** `<kind>/<id>` of an owner is also its reconcile key. */
export const OWNER_KINDS = ["environment", "workspace", "target", "binding", "cluster"] as const;
export type TOwnerKind = (typeof OWNER_KINDS)[number];

export interface TOwner {
  kind: TOwnerKind;
  id: string;
}

export function ownerLabels(owner: TOwner): Record<string, string> {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [OWNER_KIND_LABEL]: owner.kind,
    [OWNER_ID_LABEL]: owner.id,
  };
}

/** Label selector for the objects of one owner. */
export function ownerSelector(owner: TOwner): string {
  return Object.entries(ownerLabels(owner))
    .map(([key, value]) => `${key}=${value}`)
    .join(",");
}

/** Label selector for everything Slipway manages (the informers' scope). */
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

/** The owner an object's labels name, or null when Slipway does not manage it. */
export function ownerOfLabels(labels: Record<string, string> | undefined | null): TOwner | null {
  if (!labels || labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) return null;
  const kind = labels[OWNER_KIND_LABEL];
  const id = labels[OWNER_ID_LABEL];
  if (!id || !OWNER_KINDS.some((k) => k === kind)) return null;
  return { kind: kind as TOwnerKind, id };
}

export function ownerKey(owner: TOwner): `${TOwnerKind}/${string}` {
  return `${owner.kind}/${owner.id}`;
}
