// Form settings (shared by register and edit) as cluster columns.
import type { TRegisterCluster } from "@/lib/validators/cluster";

type TSettings = Pick<
  TRegisterCluster,
  | "displayName"
  | "description"
  | "insecureSkipTlsVerify"
  | "namespaces"
  | "clusterResources"
  | "labels"
  | "argoCdNamespace"
  | "workspaceUrl"
  | "quotaCeilings"
>;

export function settingsColumns(input: TSettings) {
  return {
    displayName: input.displayName,
    description: input.description,
    insecureSkipTlsVerify: input.insecureSkipTlsVerify,
    namespaces: [...new Set(input.namespaces)],
    clusterResources: input.clusterResources,
    labels: Object.fromEntries(input.labels.map((l) => [l.key, l.value])),
    argoCdNamespace: input.argoCdNamespace === "" ? null : input.argoCdNamespace,
    workspaceUrl: input.workspaceUrl === "" ? null : input.workspaceUrl,
    quotaCeilings: Object.fromEntries(input.quotaCeilings.map((q) => [q.resource, q.quantity])),
  };
}
