import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { repositoryCredentials } from "@/db/schema";
import { sealSecret } from "@/server/crypto/secret-box";
import { AppError, fieldError } from "../errors";

export type TRepositoryCredentialRow = typeof repositoryCredentials.$inferSelect;

export const credentialNotFound = () =>
  new AppError("NOT_FOUND", "That repository credential was not found in this space.");

export const repositoryTaken = (repository: string) =>
  fieldError(
    "repository",
    `This space already has a credential for ${repository}; rotate it instead.`,
    "CONFLICT",
  );

/** The secret part as stored: sealed, with the id of the key that sealed it. */
export function sealRepositorySecret(secret: string) {
  const { sealed, keyId } = sealSecret(secret);
  return { secret: sealed, secretKeyId: keyId };
}

/**
 * A credential as procedures return it: never the token or key, sealed or not, only whether one
 * is held. The row itself never leaves the services.
 */
export function credentialView(row: TRepositoryCredentialRow) {
  return {
    id: row.id,
    repository: row.repository,
    kind: row.kind,
    username: row.username,
    hasToken: row.kind === "https" && row.secret !== "",
    hasPrivateKey: row.kind === "ssh" && row.secret !== "",
    rotatedAt: row.rotatedAt,
    generation: row.generation,
    status: row.status,
    createdAt: row.createdAt,
  };
}
export type TRepositoryCredentialView = ReturnType<typeof credentialView>;

/** What an audit record shows: who and where, never the secret. */
export function credentialAuditView(row: TRepositoryCredentialRow) {
  return {
    repository: row.repository,
    kind: row.kind,
    username: row.username,
    rotatedAt: row.rotatedAt?.toISOString() ?? null,
  };
}

export async function loadCredential(
  tx: Db,
  spaceId: string,
  id: string,
): Promise<TRepositoryCredentialRow> {
  const [row] = await tx
    .select()
    .from(repositoryCredentials)
    .where(and(eq(repositoryCredentials.spaceId, spaceId), eq(repositoryCredentials.id, id)));
  if (!row) throw credentialNotFound();
  return row;
}
