import { eq } from "drizzle-orm";
import { repositoryCredentials } from "@/db/schema";
import { bindingKeysUsingRepository } from "../bindings/binding-keys";
import { requestReconcile } from "../reconcile/request-reconcile";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { lockSpaceForChange } from "../spaces/lock-space";
import { credentialAuditView, loadCredential } from "./credential-row";

export async function deleteRepositoryCredential(
  ctx: TSpaceContext,
  input: { credentialId: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "owner");
    const row = await loadCredential(tx, ctx.space.id, input.credentialId);
    await tx.delete(repositoryCredentials).where(eq(repositoryCredentials.id, row.id));
    // No finalizer needed: the bindings' next passes prune the repository Secrets they wrote
    // from it (found by owner label, not by this row).
    await requestReconcile(tx, await bindingKeysUsingRepository(tx, ctx.space.id, row.repository));
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "repository-credential.delete",
      targetType: "repository-credential",
      targetId: row.repository,
      before: credentialAuditView(row),
    });
  });
}
