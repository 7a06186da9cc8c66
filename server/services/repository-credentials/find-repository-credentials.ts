import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { repositoryCredentials } from "@/db/schema";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TSpaceContext } from "../context";
import { planKeysetPage } from "../keyset";
import { credentialView, type TRepositoryCredentialView } from "./credential-row";

// Oldest first, along repository_credential_space_list_idx (space_id, created_at, id).
const OLDEST_FIRST = {
  columns: [repositoryCredentials.createdAt, repositoryCredentials.id],
  direction: "asc",
  keySchema: z.tuple([z.iso.datetime(), z.uuid()]),
} as const;

/** The space's repository credentials, without their secrets, keyset-paginated. */
export async function findRepositoryCredentials(
  ctx: TSpaceContext,
  input: TPageInput,
): Promise<TPage<TRepositoryCredentialView>> {
  const plan = planKeysetPage(OLDEST_FIRST, input);
  const rows = await ctx.db
    .select()
    .from(repositoryCredentials)
    .where(and(eq(repositoryCredentials.spaceId, ctx.space.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.createdAt.toISOString(), row.id]);
  return { ...page, items: page.items.map(credentialView) };
}
