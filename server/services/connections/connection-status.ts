// What a person sees of their connection to a cluster: never a token, only who the cluster takes
// them to be and whether Slipway can still act as them.
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusterConnections, clusters, clusterUserSignIns, users } from "@/db/schema";

export type TConnectionStatus =
  /** No user sign-in on the cluster: Slipway acts with its service credentials. */
  | { kind: "not-configured" }
  | { kind: "not-connected" }
  | {
      kind: "connected";
      username: string;
      groups: string[];
      expiresAt: Date;
      lastUsedAt: Date | null;
      /** Whether Slipway holds a refresh token and renews the sign-in before it expires. */
      renewable: boolean;
      /**
       * The name Slipway's RoleBindings give this person (their e-mail) when the cluster knows them
       * by another: their space role does not reach them there. Null when the names agree.
       */
      boundAsOtherName: string | null;
    }
  | { kind: "reconnect-needed"; username: string; reason: string };

export interface TClusterConnectionView {
  cluster: { name: string; displayName: string };
  status: TConnectionStatus;
}

/** The columns statusOf reads for `userId`: select them with the cluster and its sign-in row. */
export const statusColumnsFor = (userId: string) => ({
  ...statusColumns,
  // Slipway's RoleBindings name members by e-mail (server/k8s/manifests/role-binding.ts).
  bindingName: sql<
    string | null
  >`(select ${users.email} from ${users} where ${users.id} = ${userId})`,
});

const statusColumns = {
  clusterName: clusters.name,
  clusterDisplayName: clusters.displayName,
  signInKind: clusterUserSignIns.kind,
  username: clusterConnections.username,
  groups: clusterConnections.groups,
  expiresAt: clusterConnections.expiresAt,
  lastUsedAt: clusterConnections.lastUsedAt,
  state: clusterConnections.state,
  lastError: clusterConnections.lastError,
  renewable: clusterConnections.renewable,
};

type TStatusRow = {
  clusterName: string;
  clusterDisplayName: string;
  signInKind: "oidc" | "openshift" | null;
  username: string | null;
  groups: string[] | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  state: "connected" | "reconnect_needed" | null;
  lastError: string | null;
  renewable: boolean | null;
  bindingName: string | null;
};

/** From `clusters` left-joined with the sign-in row and this user's connection. */
export function selectConnectionStatuses(db: Db, userId: string, where: SQL | undefined) {
  return db
    .select({ clusterId: clusters.id, ...statusColumnsFor(userId) })
    .from(clusters)
    .leftJoin(clusterUserSignIns, eq(clusterUserSignIns.clusterId, clusters.id))
    .leftJoin(
      clusterConnections,
      and(eq(clusterConnections.clusterId, clusters.id), eq(clusterConnections.userId, userId)),
    )
    .where(where)
    .$dynamic();
}

export function connectionViewOf(row: TStatusRow): TClusterConnectionView {
  return {
    cluster: { name: row.clusterName, displayName: row.clusterDisplayName },
    status: statusOf(row),
  };
}

function statusOf(row: TStatusRow): TConnectionStatus {
  if (row.signInKind === null) return { kind: "not-configured" };
  if (row.state === null || row.username === null) return { kind: "not-connected" };
  if (row.state === "reconnect_needed")
    return {
      kind: "reconnect-needed",
      username: row.username,
      reason: row.lastError ?? "the connection was lost",
    };
  return {
    kind: "connected",
    username: row.username,
    groups: row.groups ?? [],
    expiresAt: row.expiresAt!,
    lastUsedAt: row.lastUsedAt,
    renewable: row.renewable ?? false,
    boundAsOtherName:
      row.bindingName !== null && row.bindingName !== row.username ? row.bindingName : null,
  };
}
