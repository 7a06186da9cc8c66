import { and, eq } from "drizzle-orm";
import { deploymentTargetClaims } from "@/db/schema";
import type { TPage, TPageInput } from "@/lib/validators/pagination";
import type { TSpaceContext } from "../context";
import { AppError } from "../errors";
import { planKeysetPage } from "../keyset";
import { CLAIMS_NEWEST_FIRST, claimViewOf, selectClaims, type TClaimView } from "./claim-sql";

/** The space's claims, newest first, along deployment_target_claim_space_list_idx. */
export async function findClaims(
  ctx: TSpaceContext,
  input: TPageInput,
): Promise<TPage<TClaimView>> {
  const plan = planKeysetPage(CLAIMS_NEWEST_FIRST, input);
  const rows = await selectClaims(ctx.db)
    .where(and(eq(deploymentTargetClaims.spaceId, ctx.space.id), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
  const page = plan.finish(rows, (row) => [row.createdAt.toISOString(), row.id]);
  return { ...page, items: page.items.map(claimViewOf) };
}

export const claimNotFound = (name: string) =>
  new AppError(
    "NOT_FOUND",
    `Claim "${name}" was not found in this space. It may have been deleted.`,
  );

/** One claim of the space, by name. */
export async function getClaim(ctx: TSpaceContext, input: { name: string }): Promise<TClaimView> {
  const [row] = await selectClaims(ctx.db).where(
    and(
      eq(deploymentTargetClaims.spaceId, ctx.space.id),
      eq(deploymentTargetClaims.name, input.name),
    ),
  );
  if (!row) throw claimNotFound(input.name);
  return claimViewOf(row);
}
