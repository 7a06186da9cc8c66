import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clusterNamespaces } from "@/db/schema";
import { isUniqueViolation } from "../db-errors";
import { fieldError } from "../errors";
import type { TReconcileKey } from "../reconcile/request-reconcile";

const taken = (namespace: string) =>
  fieldError(
    "namespace",
    `Namespace "${namespace}" is already used on this cluster by another environment or workspace. Choose another.`,
    "CONFLICT",
  );

/** Refuses a namespace outside the cluster's allowed list (when it has one). */
export function assertNamespaceAllowed(namespace: string, allowed: readonly string[]): void {
  if (allowed.length > 0 && !allowed.includes(namespace)) {
    throw fieldError(
      "namespace",
      `This cluster allows Slipway only these namespaces: ${allowed.join(", ")}.`,
    );
  }
}

/**
 * Records that `owner` owns the namespace on the cluster. The primary key on (cluster, namespace)
 * is the rule; the read first only gives the usual case a friendly message without an aborted
 * statement. A savepoint keeps a lost race from poisoning the caller's transaction.
 */
export async function claimClusterNamespace(
  tx: Db,
  clusterId: string,
  namespace: string,
  owner: TReconcileKey,
): Promise<void> {
  const [existing] = await tx
    .select({ owner: clusterNamespaces.ownerKey })
    .from(clusterNamespaces)
    .where(
      and(eq(clusterNamespaces.clusterId, clusterId), eq(clusterNamespaces.namespace, namespace)),
    );
  if (existing) throw taken(namespace);
  try {
    await tx.transaction(async (savepoint) => {
      await savepoint.insert(clusterNamespaces).values({ clusterId, namespace, ownerKey: owner });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(namespace);
    throw error;
  }
}
