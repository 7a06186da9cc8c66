import type { V1LimitRange, V1ResourceQuota } from "@kubernetes/client-node";
import { namespacedMeta, type TObjectOwnership } from "./object-meta";

export const RESOURCE_QUOTA_NAME = "slipway-quota";
export const LIMIT_RANGE_NAME = "slipway-limits";

/** LimitRange container defaults, already resolved from the environment type and overrides. */
export interface TContainerLimits {
  defaultRequest: Record<string, string>;
  default: Record<string, string>;
}

/** The quota and container defaults of a namespace; an empty quota or null limits make no object. */
export function buildResourceLimits(
  namespace: string,
  ownership: TObjectOwnership,
  quota: Record<string, string>,
  containerLimits: TContainerLimits | null,
): (V1ResourceQuota | V1LimitRange)[] {
  const objects: (V1ResourceQuota | V1LimitRange)[] = [];
  if (Object.keys(quota).length > 0) {
    objects.push({
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: namespacedMeta(RESOURCE_QUOTA_NAME, namespace, ownership),
      spec: { hard: { ...quota } },
    });
  }
  if (containerLimits) {
    objects.push({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: namespacedMeta(LIMIT_RANGE_NAME, namespace, ownership),
      spec: {
        limits: [
          {
            type: "Container",
            _default: { ...containerLimits.default },
            defaultRequest: { ...containerLimits.defaultRequest },
          },
        ],
      },
    });
  }
  return objects;
}
