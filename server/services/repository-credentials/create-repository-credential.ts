import { and, eq } from "drizzle-orm";
import { repositoryCredentials } from "@/db/schema";
import type { TCreateRepositoryCredential } from "@/lib/validators/repository-credential";
import { bindingKeysUsingRepository } from "../bindings/binding-keys";
import { requestReconcile } from "../reconcile/request-reconcile";
import { recordAuditEvent } from "../audit/record-audit-event";
import { inTransaction, type TSpaceContext } from "../context";
import { constraintErrorOf } from "../db-errors";
import { lockSpaceForChange } from "../spaces/lock-space";
import {
  credentialAuditView,
  credentialView,
  repositoryTaken,
  sealRepositorySecret,
} from "./credential-row";

/**
 * Stores a private repository's credential for the space, its token or key sealed before it
 * reaches the database. One credential per repository URL in a space.
 */
export async function createRepositoryCredential(
  ctx: TSpaceContext,
  input: Omit<TCreateRepositoryCredential, "space">,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const txCtx = inTransaction(ctx, tx);
      await lockSpaceForChange(txCtx, "contributor");
      const [taken] = await tx
        .select({ id: repositoryCredentials.id })
        .from(repositoryCredentials)
        .where(
          and(
            eq(repositoryCredentials.spaceId, ctx.space.id),
            eq(repositoryCredentials.repository, input.repository),
          ),
        );
      if (taken) throw repositoryTaken(input.repository);
      const https = input.kind === "https";
      const [row] = await tx
        .insert(repositoryCredentials)
        .values({
          spaceId: ctx.space.id,
          repository: input.repository,
          kind: input.kind,
          username: https ? input.username : null,
          ...sealRepositorySecret(https ? input.token : input.privateKey),
          createdBy: ctx.actor.id,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      await requestReconcile(
        tx,
        await bindingKeysUsingRepository(tx, ctx.space.id, row.repository),
      );
      await recordAuditEvent(txCtx, {
        spaceId: ctx.space.id,
        action: "repository-credential.create",
        targetType: "repository-credential",
        targetId: row.repository,
        after: credentialAuditView(row),
      });
      return credentialView(row);
    });
  } catch (error) {
    throw constraintErrorOf(error, {
      repository_credential_space_repository_unique: () => repositoryTaken(input.repository),
    });
  }
}
