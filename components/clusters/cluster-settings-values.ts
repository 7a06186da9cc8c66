// The cluster form's flat fields and the schema's shape, both ways, and schema error keys mapped
// back to the form's fields (labels and quota ceilings are lists in the schema, inputs here).
import { QUOTA_RESOURCES, type TQuotaResource } from "@/lib/validators/cluster";
import type { TFieldMessages } from "@/lib/validate-form";

export interface TSettingsValues {
  displayName: string;
  description: string;
  apiUrl: string;
  insecureSkipTlsVerify: boolean;
  namespaces: string;
  clusterResources: boolean;
  region: string;
  purpose: string;
  argoCdNamespace: string;
  workspaceUrl: string;
  quota: Record<TQuotaResource, string>;
}

export const EMPTY_SETTINGS: TSettingsValues = {
  displayName: "",
  description: "",
  apiUrl: "",
  insecureSkipTlsVerify: false,
  namespaces: "",
  clusterResources: true,
  region: "",
  purpose: "",
  argoCdNamespace: "",
  workspaceUrl: "",
  quota: Object.fromEntries(QUOTA_RESOURCES.map((r) => [r, ""])) as Record<TQuotaResource, string>,
};

type TClusterSettings = {
  displayName: string;
  description: string;
  apiUrl: string;
  insecureSkipTlsVerify: boolean;
  namespaces: string[];
  clusterResources: boolean;
  labels: Record<string, string>;
  argoCdNamespace: string | null;
  workspaceUrl: string | null;
  quotaCeilings: Record<string, string>;
};

export function settingsValuesOf(cluster: TClusterSettings): TSettingsValues {
  return {
    ...cluster,
    namespaces: cluster.namespaces.join(", "),
    region: cluster.labels.region ?? "",
    purpose: cluster.labels.purpose ?? "",
    argoCdNamespace: cluster.argoCdNamespace ?? "",
    workspaceUrl: cluster.workspaceUrl ?? "",
    quota: { ...EMPTY_SETTINGS.quota, ...cluster.quotaCeilings },
  };
}

/** The schema's input for these values, and how its list indexes map back to form fields. */
export function settingsInputOf(values: TSettingsValues, extraLabels: Record<string, string> = {}) {
  const labelPairs = [
    ...Object.entries(extraLabels).filter(([k]) => k !== "region" && k !== "purpose"),
    ["region", values.region.trim()],
    ["purpose", values.purpose.trim()],
  ].filter(([, v]) => v !== "");
  const quota = QUOTA_RESOURCES.filter((r) => values.quota[r].trim() !== "");
  const input = {
    displayName: values.displayName,
    description: values.description,
    apiUrl: values.apiUrl,
    insecureSkipTlsVerify: values.insecureSkipTlsVerify,
    namespaces: values.namespaces
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== ""),
    clusterResources: values.clusterResources,
    labels: labelPairs.map(([key, value]) => ({ key: key ?? "", value: value ?? "" })),
    argoCdNamespace: values.argoCdNamespace,
    workspaceUrl: values.workspaceUrl,
    quotaCeilings: quota.map((resource) => ({ resource, quantity: values.quota[resource] })),
  };
  const fieldOf = (key: string): string => {
    const [list, index] = key.split(".");
    if (list === "namespaces") return "namespaces";
    if (list === "labels")
      return index === undefined ? "labels" : (labelPairs[Number(index)]?.[0] ?? "labels");
    if (list === "quotaCeilings")
      return index === undefined ? "quotaCeilings" : `quota.${quota[Number(index)] ?? ""}`;
    return key;
  };
  const remap = (errors: TFieldMessages): TFieldMessages => {
    const out: TFieldMessages = {};
    for (const [key, messages] of Object.entries(errors))
      (out[fieldOf(key)] ??= []).push(...messages);
    return out;
  };
  return { input, remap };
}
