// What of a cluster row may leave the server. Credentials (sealed or not) and their key id never
// do: every service returns clusterView(row), never the row.
import type { clusters } from "@/db/schema";

export type TClusterRow = typeof clusters.$inferSelect;

export function clusterView(row: TClusterRow) {
  const { credentials: _sealed, credentialsKeyId: _keyId, ...safe } = row;
  return safe;
}
export type TClusterView = ReturnType<typeof clusterView>;

/** What the audit trail records of a cluster: settings, never credentials. */
export function clusterAuditView(row: TClusterRow) {
  return {
    name: row.name,
    displayName: row.displayName,
    description: row.description,
    apiUrl: row.apiUrl,
    authKind: row.authKind,
    insecureSkipTlsVerify: row.insecureSkipTlsVerify,
    namespaces: row.namespaces,
    clusterResources: row.clusterResources,
    labels: row.labels,
    argoCdNamespace: row.argoCdNamespace,
    hubClusterId: row.hubClusterId,
    workspaceUrl: row.workspaceUrl,
    quotaCeilings: row.quotaCeilings,
    cordoned: row.cordoned,
  };
}

export const clusterNotFound = (name: string) => `Cluster "${name}" was not found.`;
