import { and, eq } from "drizzle-orm";
import { promotionRuns } from "@/db/schema";
import { loadApplication } from "../applications/application-row";
import type { TSpaceContext } from "../context";
import { promotionNotFound, selectPromotions } from "./promotion-row";

/** One promotion run of an application, with its steps. */
export async function getPromotion(
  ctx: TSpaceContext,
  input: { application: string; promotionId: string },
) {
  const application = await loadApplication(ctx.db, ctx.space.id, input.application);
  const [row] = await selectPromotions(ctx.db).where(
    and(eq(promotionRuns.applicationId, application.id), eq(promotionRuns.id, input.promotionId)),
  );
  if (!row) throw promotionNotFound(application.name);
  return row;
}
