// Promotion runs: promote a snapshot to an environment, roll an environment back to a snapshot
// from its history, and read runs and history. Viewers read and preview; contributors promote
// and roll back. The promotion/<id> reconciler carries a run out.
import {
  ZEnvironmentHistorySchema,
  ZFindPromotionsSchema,
  ZPromoteSchema,
  ZPromotionRefSchema,
  ZRollbackSchema,
} from "@/lib/validators/promotion";
import { createPromotion } from "@/server/services/promotions/create-promotion";
import { environmentHistory } from "@/server/services/promotions/environment-history";
import { findPromotions } from "@/server/services/promotions/find-promotions";
import { getPromotion } from "@/server/services/promotions/get-promotion";
import { previewPromotion } from "@/server/services/promotions/preview-promotion";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const promotionRouter = createTRPCRouter({
  preview: spaceProcedure("viewer")
    .input(ZPromoteSchema)
    .query(({ ctx, input }) => previewPromotion(ctx, input)),

  create: spaceProcedure("contributor")
    .input(ZPromoteSchema)
    .mutation(({ ctx, input }) => createPromotion(ctx, input, "manual")),

  rollback: spaceProcedure("contributor")
    .input(ZRollbackSchema)
    .mutation(({ ctx, input }) => createPromotion(ctx, input, "rollback")),

  list: spaceProcedure("viewer")
    .input(ZFindPromotionsSchema)
    .query(({ ctx, input }) => findPromotions(ctx, input)),

  get: spaceProcedure("viewer")
    .input(ZPromotionRefSchema)
    .query(({ ctx, input }) => getPromotion(ctx, input)),

  history: spaceProcedure("viewer")
    .input(ZEnvironmentHistorySchema)
    .query(({ ctx, input }) => environmentHistory(ctx, input)),
});
