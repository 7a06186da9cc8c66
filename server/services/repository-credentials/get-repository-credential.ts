import type { TSpaceContext } from "../context";
import { credentialView, loadCredential, type TRepositoryCredentialView } from "./credential-row";

/** One credential of the space, without its secret. */
export async function getRepositoryCredential(
  ctx: TSpaceContext,
  input: { credentialId: string },
): Promise<TRepositoryCredentialView> {
  return credentialView(await loadCredential(ctx.db, ctx.space.id, input.credentialId));
}
