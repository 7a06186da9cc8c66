// OpenAPI component schemas for a custom resource, built from its CRD's `openAPIV3Schema` the
// way apiextensions-apiserver does: named after the reversed group (`io.argoproj.v1alpha1.Application`),
// with `metadata` pointing at ObjectMeta, apiVersion/kind described, and the
// `x-kubernetes-group-version-kind` that kubectl explain looks kinds up by.
import { type ResourceType } from "../registry.js";

type Schema = Record<string, unknown>;

export function crdSchemaName(group: string, version: string, kind: string): string {
  return [...group.split(".").reverse(), version, kind].join(".");
}

const API_VERSION = {
  description:
    "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
  type: "string",
};
const KIND = {
  description:
    "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
  type: "string",
};

export function crdSchemas(t: ResourceType, version: string): Record<string, Schema> {
  const source = (t.schemas?.get(version) ?? {
    type: "object",
    "x-kubernetes-preserve-unknown-fields": true,
  }) as Schema;
  const gvk = (kind: string) => [{ group: t.group, kind, version }];
  const name = crdSchemaName(t.group, version, t.kind);
  const properties = { ...((source.properties as Schema | undefined) ?? {}) };
  const kindSchema: Schema = {
    ...source,
    type: "object",
    properties: {
      ...properties,
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: {
        $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        description:
          "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
      },
    },
    "x-kubernetes-group-version-kind": gvk(t.kind),
  };
  const listSchema: Schema = {
    description: `${t.listKind} is a list of ${t.kind}`,
    type: "object",
    required: ["items"],
    properties: {
      apiVersion: API_VERSION,
      items: {
        description: `List of ${t.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`,
        type: "array",
        items: { $ref: `#/components/schemas/${name}` },
      },
      kind: KIND,
      metadata: { $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta" },
    },
    "x-kubernetes-group-version-kind": gvk(t.listKind),
  };
  return { [name]: kindSchema, [crdSchemaName(t.group, version, t.listKind)]: listSchema };
}
