import type { V1Namespace } from "@kubernetes/client-node";
import { managedLabels, type TObjectOwnership } from "./object-meta";

export function buildNamespace(
  name: string,
  ownership: TObjectOwnership,
  extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): V1Namespace {
  const annotations = extra.annotations ?? {};
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name,
      labels: { ...extra.labels, ...managedLabels(ownership) },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
  };
}
