import { and, eq } from "drizzle-orm";
import { clusterNamespaces, deploymentTargets } from "@/db/schema";
import type { TRegisterTarget } from "@/lib/validators/deployment-target";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { isUniqueViolation, violatedConstraint } from "../db-errors";
import { fieldError } from "../errors";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { loadClusterForClass } from "./load-cluster-for-class";
import { lockTargetClass } from "./lock-target-class";

const nameTaken = (name: string) =>
  fieldError("name", `A deployment target named "${name}" already exists.`, "CONFLICT");
const namespaceTaken = (namespace: string, cluster: string) =>
  fieldError(
    "namespace",
    `Namespace "${namespace}" on ${cluster} already belongs to something Slipway manages.`,
    "CONFLICT",
  );

/**
 * An admin registers a namespace on the class's cluster as a static target (a hand-made
 * PersistentVolume): Slipway takes ownership of the namespace (cluster_namespace), gives it a
 * ServiceAccount and token, and offers it to claims of the class once Available.
 */
export async function registerTarget(ctx: TServiceContext, input: TRegisterTarget) {
  let clusterName = "the cluster";
  try {
    return await ctx.db.transaction(async (tx) => {
      const targetClass = await lockTargetClass(tx, input.classId);
      const cluster = await loadClusterForClass(tx, targetClass.clusterId);
      clusterName = cluster.name;
      const [sameName] = await tx
        .select({ id: deploymentTargets.id })
        .from(deploymentTargets)
        .where(eq(deploymentTargets.name, input.name));
      if (sameName) throw nameTaken(input.name);
      const [owner] = await tx
        .select({ ownerKey: clusterNamespaces.ownerKey })
        .from(clusterNamespaces)
        .where(
          and(
            eq(clusterNamespaces.clusterId, cluster.id),
            eq(clusterNamespaces.namespace, input.namespace),
          ),
        );
      if (owner) throw namespaceTaken(input.namespace, cluster.name);
      const [target] = await tx
        .insert(deploymentTargets)
        .values({
          name: input.name,
          classId: targetClass.id,
          clusterId: cluster.id,
          namespace: input.namespace,
          provisioning: "static",
          createdBy: ctx.actor.id,
        })
        .returning();
      if (!target) throw new Error("target insert returned no row");
      const key = reconcileKey("target", target.id);
      await tx
        .insert(clusterNamespaces)
        .values({ clusterId: cluster.id, namespace: input.namespace, ownerKey: key });
      await requestReconcile(tx, [key]);
      await recordAuditEvent(inTransaction(ctx, tx), {
        spaceId: null,
        action: "deployment-target.register",
        targetType: "deployment-target",
        targetId: target.name,
        after: {
          class: targetClass.name,
          cluster: cluster.name,
          namespace: target.namespace,
          provisioning: "static",
        },
      });
      return target;
    });
  } catch (error) {
    // A racing registration: the unique indexes decide, with the same messages.
    if (isUniqueViolation(error)) {
      throw violatedConstraint(error)?.startsWith("cluster_namespace")
        ? namespaceTaken(input.namespace, clusterName)
        : nameTaken(input.name);
    }
    throw error;
  }
}
