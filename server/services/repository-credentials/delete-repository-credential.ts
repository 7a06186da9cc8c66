import { eq } from "drizzle-orm";
import { repositoryCredentials } from "@/db/schema";
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
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "repository-credential.delete",
      targetType: "repository-credential",
      targetId: row.repository,
      before: credentialAuditView(row),
    });
  });
}
