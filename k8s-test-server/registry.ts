// The kinds the server serves: built-ins declared here, custom resources added and removed as
// CRDs come and go. Discovery documents are derived from this table, so what is discoverable
// is exactly what is served.
import { type OpenApiSchema } from "./openapi.js";

export interface ResourceType {
  group: string;
  /** Versions served, storage version first. */
  versions: string[];
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  statusSubresource: boolean;
  /** Sub-resources besides status, e.g. serviceaccounts/token. */
  extraSubresources: { name: string; kind: string; verbs: string[] }[];
  /** Whether metadata.generation is maintained (it is for custom resources and spec-bearing built-ins). */
  generation: boolean;
  /** Field selectors beyond metadata.name/metadata.namespace. */
  fieldSelectors: Set<string>;
  /** Per version structural schema (custom resources only). */
  schemas?: Map<string, OpenApiSchema>;
  /** Built-in list items omit apiVersion/kind on the wire; custom resource lists keep them. */
  builtin: boolean;
  /**
   * A built-in kind's top-level fields besides apiVersion/kind/metadata. Others are dropped on
   * write (decoding into the Go type drops them) and refuse a server-side apply.
   */
  fields?: ReadonlySet<string>;
  /** Only POST is served (review APIs): nothing is stored. */
  virtual?: boolean;
}

export const ALL_VERBS = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
];

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  fields: string[],
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    versions: [version],
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    statusSubresource: false,
    extraSubresources: [],
    generation: false,
    fieldSelectors: new Set(),
    builtin: true,
    fields: new Set(fields),
    ...extra,
  };
}

const EVENT_FIELDS = [
  "involvedObject",
  "reason",
  "message",
  "source",
  "firstTimestamp",
  "lastTimestamp",
  "count",
  "type",
  "eventTime",
  "series",
  "action",
  "related",
  "reportingComponent",
  "reportingInstance",
];
const BINDING_FIELDS = ["subjects", "roleRef"];

export function builtinTypes(): ResourceType[] {
  return [
    builtin("", "v1", "Namespace", "namespaces", false, ["spec", "status"], {
      shortNames: ["ns"],
      verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
      statusSubresource: true,
      extraSubresources: [{ name: "finalize", kind: "Namespace", verbs: ["update"] }],
      fieldSelectors: new Set(["status.phase"]),
    }),
    builtin("", "v1", "ResourceQuota", "resourcequotas", true, ["spec", "status"], {
      shortNames: ["quota"],
      statusSubresource: true,
    }),
    builtin("", "v1", "LimitRange", "limitranges", true, ["spec"], { shortNames: ["limits"] }),
    builtin(
      "",
      "v1",
      "ServiceAccount",
      "serviceaccounts",
      true,
      ["secrets", "imagePullSecrets", "automountServiceAccountToken"],
      {
        shortNames: ["sa"],
        extraSubresources: [{ name: "token", kind: "TokenRequest", verbs: ["create"] }],
      },
    ),
    builtin("", "v1", "Secret", "secrets", true, ["data", "stringData", "type", "immutable"], {
      fieldSelectors: new Set(["type"]),
    }),
    builtin("", "v1", "ConfigMap", "configmaps", true, ["data", "binaryData", "immutable"], {
      shortNames: ["cm"],
    }),
    builtin("", "v1", "Event", "events", true, EVENT_FIELDS, {
      shortNames: ["ev"],
      fieldSelectors: new Set([
        "involvedObject.kind",
        "involvedObject.namespace",
        "involvedObject.name",
        "involvedObject.uid",
        "involvedObject.apiVersion",
        "involvedObject.resourceVersion",
        "involvedObject.fieldPath",
        "reason",
        "reportingComponent",
        "source",
        "type",
      ]),
    }),
    builtin(
      "networking.k8s.io",
      "v1",
      "NetworkPolicy",
      "networkpolicies",
      true,
      ["spec", "status"],
      {
        shortNames: ["netpol"],
        generation: true,
      },
    ),
    builtin("rbac.authorization.k8s.io", "v1", "Role", "roles", true, ["rules"]),
    builtin("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, BINDING_FIELDS),
    builtin("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, [
      "rules",
      "aggregationRule",
    ]),
    builtin(
      "rbac.authorization.k8s.io",
      "v1",
      "ClusterRoleBinding",
      "clusterrolebindings",
      false,
      BINDING_FIELDS,
    ),
    builtin(
      "apiextensions.k8s.io",
      "v1",
      "CustomResourceDefinition",
      "customresourcedefinitions",
      false,
      ["spec", "status"],
      {
        shortNames: ["crd", "crds"],
        categories: ["api-extensions"],
        statusSubresource: true,
        generation: true,
      },
    ),
    builtin(
      "authorization.k8s.io",
      "v1",
      "SelfSubjectAccessReview",
      "selfsubjectaccessreviews",
      false,
      ["spec", "status"],
      {
        verbs: ["create"],
        virtual: true,
      },
    ),
    // `kubectl auth whoami`: who the server thinks the caller is (GA in v1.28).
    builtin(
      "authentication.k8s.io",
      "v1",
      "SelfSubjectReview",
      "selfsubjectreviews",
      false,
      ["status"],
      {
        verbs: ["create"],
        virtual: true,
      },
    ),
  ];
}

export const typeKey = (group: string, plural: string) => `${group}/${plural}`;

const UNTYPED: OpenApiSchema = { "x-kubernetes-preserve-unknown-fields": true };

/**
 * The schema writes are checked and pruned against: a CRD version's structural schema, or for a
 * built-in kind just its top-level fields (their contents are not modelled).
 */
export function writeSchema(type: ResourceType, version: string): OpenApiSchema | undefined {
  const crd = type.schemas?.get(version);
  if (crd || !type.fields) return crd;
  return {
    type: "object",
    properties: Object.fromEntries([...type.fields].map((f) => [f, UNTYPED])),
  };
}

export class Registry {
  private readonly byKey = new Map<string, ResourceType>();

  constructor() {
    for (const t of builtinTypes()) this.add(t);
  }

  add(t: ResourceType): void {
    this.byKey.set(typeKey(t.group, t.plural), t);
  }

  remove(group: string, plural: string): void {
    this.byKey.delete(typeKey(group, plural));
  }

  get(group: string, plural: string): ResourceType | undefined {
    return this.byKey.get(typeKey(group, plural));
  }

  /** Finds a served type for apiVersion+kind (used by controllers following ownerReferences). */
  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    for (const t of this.byKey.values()) {
      if (t.group === group && t.kind === kind && t.versions.includes(version ?? "")) return t;
    }
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.byKey.values()];
  }

  served(group: string, version: string, plural: string): ResourceType | undefined {
    const t = this.get(group, plural);
    return t && t.versions.includes(version) ? t : undefined;
  }

  /** Whether the group is compiled in (served by go-restful upstream) rather than added by CRDs. */
  isBuiltinGroup(group: string): boolean {
    return this.all().some((t) => t.builtin && t.group === group);
  }

  groupVersions(): { group: string; versions: string[] }[] {
    const groups = new Map<string, Set<string>>();
    for (const t of this.byKey.values()) {
      if (t.group === "") continue;
      const set = groups.get(t.group) ?? new Set<string>();
      for (const v of t.versions) set.add(v);
      groups.set(t.group, set);
    }
    return [...groups].map(([group, versions]) => ({ group, versions: [...versions] }));
  }

  // Discovery documents.

  apiVersions(): Record<string, unknown> {
    return {
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }],
    };
  }

  apiGroupList(): Record<string, unknown> {
    return {
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: this.groupVersions().map(({ group, versions }) => apiGroup(group, versions)),
    };
  }

  apiGroup(group: string): Record<string, unknown> | undefined {
    const gv = this.groupVersions().find((g) => g.group === group);
    return gv ? { kind: "APIGroup", apiVersion: "v1", ...apiGroup(group, gv.versions) } : undefined;
  }

  resourceList(group: string, version: string): Record<string, unknown> | undefined {
    const types = this.all().filter((t) => t.group === group && t.versions.includes(version));
    if (types.length === 0) return undefined;
    const resources: Record<string, unknown>[] = [];
    for (const t of types) {
      resources.push({
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs,
        ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
        ...(t.categories.length ? { categories: t.categories } : {}),
      });
      if (t.statusSubresource) {
        resources.push({
          name: `${t.plural}/status`,
          singularName: "",
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: ["get", "patch", "update"],
        });
      }
      for (const s of t.extraSubresources) {
        resources.push({
          name: `${t.plural}/${s.name}`,
          singularName: "",
          namespaced: t.namespaced,
          kind: s.kind,
          verbs: s.verbs,
          ...(s.kind === "TokenRequest" ? { group: "authentication.k8s.io", version: "v1" } : {}),
        });
      }
    }
    return {
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: group ? `${group}/${version}` : version,
      resources,
    };
  }
}

function apiGroup(group: string, versions: string[]): Record<string, unknown> {
  const vs = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: vs, preferredVersion: vs[0] };
}
