import { clusters } from "@/db/schema";
import type { TRegisterCluster } from "@/lib/validators/cluster";
import { reconcileKey, requestReconcile } from "../reconcile/request-reconcile";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TServiceContext } from "../context";
import { isUniqueViolation } from "../db-errors";
import { fieldError } from "../errors";
import { checkCluster } from "./check-cluster";
import { resolveCredentials, sealCredentials } from "./cluster-credentials";
import { clusterAuditView, clusterView, type TClusterView } from "./cluster-row";
import { settingsColumns } from "./cluster-settings";
import { loadCluster } from "./load-cluster";

const nameTaken = (name: string) =>
  fieldError("name", `A cluster named "${name}" already exists.`, "CONFLICT");

/**
 * Registers a cluster with sealed credentials, then checks it at once so the admin sees whether
 * it is healthy. A kubeconfig's context supplies the API URL and TLS setting; a token needs both
 * from the form.
 */
export async function registerCluster(
  ctx: TServiceContext,
  input: TRegisterCluster,
  options: { emulated?: boolean } = {},
): Promise<TClusterView> {
  const resolved = resolveCredentials(input.credentials);
  const apiUrl = resolved.apiUrl ?? input.apiUrl;
  if (apiUrl === "") throw fieldError("apiUrl", "Enter the API URL.");
  let id: string;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(clusters)
        .values({
          name: input.name,
          ...settingsColumns(input),
          insecureSkipTlsVerify: resolved.insecureSkipTlsVerify ?? input.insecureSkipTlsVerify,
          apiUrl,
          ...sealCredentials(resolved.credentials),
          emulated: options.emulated ?? false,
          createdBy: ctx.actor.id,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      await recordAuditEvent(inTransaction(ctx, tx), {
        spaceId: null,
        action: "cluster.register",
        targetType: "cluster",
        targetId: row.name,
        after: clusterAuditView(row),
      });
      await requestReconcile(tx, [reconcileKey("cluster", row.id)]);
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
  await checkCluster(ctx.db, id);
  return clusterView(await loadCluster(ctx, input.name));
}
