import { eq } from "drizzle-orm";
import { deploymentTargetClasses } from "@/db/schema";
import { TARGET_PROVISIONER, type TCreateTargetClass } from "@/lib/validators/deployment-target";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { isUniqueViolation } from "../db-errors";
import { fieldError } from "../errors";
import { quotaOfInput } from "./class-quota";
import { assertCanProvisionOn, loadClusterForClass } from "./load-cluster-for-class";
import { targetClassAuditView } from "./target-class-audit-view";

const nameTaken = (name: string) =>
  fieldError("name", `A deployment target class named "${name}" already exists.`, "CONFLICT");

/** Admins define a class: namespaces on one cluster, with a reclaim policy and quota parameters. */
export async function createTargetClass(ctx: TServiceContext, input: TCreateTargetClass) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const cluster = await loadClusterForClass(tx, input.clusterId);
      assertCanProvisionOn(cluster);
      const quota = quotaOfInput(input.quota, cluster.quotaCeilings, cluster.name);
      const [existing] = await tx
        .select({ id: deploymentTargetClasses.id })
        .from(deploymentTargetClasses)
        .where(eq(deploymentTargetClasses.name, input.name));
      if (existing) throw nameTaken(input.name);
      const [row] = await tx
        .insert(deploymentTargetClasses)
        .values({
          name: input.name,
          description: input.description,
          provisioner: TARGET_PROVISIONER,
          clusterId: cluster.id,
          reclaimPolicy: input.reclaimPolicy,
          parameters: { quota },
          createdBy: ctx.actor.id,
        })
        .returning();
      if (!row) throw new Error("class insert returned no row");
      await recordAuditEvent(inTransaction(ctx, tx), {
        spaceId: null,
        action: "deployment-target-class.create",
        targetType: "deployment-target-class",
        targetId: row.name,
        after: targetClassAuditView(row, cluster.name),
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}
