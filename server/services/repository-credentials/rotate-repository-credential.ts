import { eq, sql } from "drizzle-orm";
import { repositoryCredentials } from "@/db/schema";
import type { TRotateRepositoryCredential } from "@/lib/validators/repository-credential";
import { bindingKeysUsingRepository } from "../bindings/binding-keys";
import { requestReconcile } from "../reconcile/request-reconcile";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { fieldError } from "../errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import {
  credentialAuditView,
  credentialView,
  loadCredential,
  sealRepositorySecret,
} from "./credential-row";

/**
 * Replaces the token (and username) or the SSH key of a credential, keeping its repository; the
 * generation goes up so the Argo CD repository Secrets written from it are rewritten.
 */
export async function rotateRepositoryCredential(
  ctx: TSpaceContext,
  input: Omit<TRotateRepositoryCredential, "space">,
) {
  return ctx.db.transaction(async (tx) => {
    const txCtx = inTransaction(ctx, tx);
    await lockSpaceForChange(txCtx, "contributor");
    const before = await loadCredential(tx, ctx.space.id, input.credentialId);
    if (input.kind !== before.kind) {
      throw fieldError(
        "kind",
        before.kind === "https"
          ? `${before.repository} is an https:// repository: rotate its username and token.`
          : `${before.repository} is an ssh:// repository: rotate its SSH private key.`,
      );
    }
    const https = before.kind === "https";
    const [after] = await tx
      .update(repositoryCredentials)
      .set({
        username: https ? input.username : null,
        ...sealRepositorySecret(https ? input.token : input.privateKey),
        rotatedAt: sql`now()`,
        generation: sql`${repositoryCredentials.generation} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(repositoryCredentials.id, before.id))
      .returning();
    if (!after) throw new Error("update returned no row");
    await requestReconcile(
      tx,
      await bindingKeysUsingRepository(tx, ctx.space.id, after.repository),
    );
    await recordAuditEvent(txCtx, {
      spaceId: ctx.space.id,
      action: "repository-credential.rotate",
      targetType: "repository-credential",
      targetId: after.repository,
      before: credentialAuditView(before),
      after: credentialAuditView(after),
    });
    return credentialView(after);
  });
}
