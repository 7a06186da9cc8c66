import type { deploymentTargetClasses } from "@/db/schema";

type TClassRow = typeof deploymentTargetClasses.$inferSelect;

/** The fields of a class an audit record shows before and after a change. */
export function targetClassAuditView(row: TClassRow, clusterName: string) {
  return {
    name: row.name,
    description: row.description,
    provisioner: row.provisioner,
    cluster: clusterName,
    reclaimPolicy: row.reclaimPolicy,
    quota: row.parameters.quota ?? {},
  };
}
