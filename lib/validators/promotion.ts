// Promotion run input schemas: promote a snapshot of an application to an environment (manual),
// roll an environment back to a snapshot it ran before (rollback), preview what either would
// change, and read runs and an environment's history. A run's spec is fixed at creation.
import { z } from "zod";
import { ZApplicationRefSchema } from "./application";
import { ZEnvironmentNameSchema } from "./environment";
import { ZPageInputSchema } from "./pagination";
import { ZSnapshotNameSchema } from "./snapshot";

/** promotion.create and promotion.preview: snapshot S of the application → environment E. */
export const ZPromoteSchema = ZApplicationRefSchema.extend({
  snapshot: ZSnapshotNameSchema,
  environment: ZEnvironmentNameSchema,
});
export type TPromote = z.infer<typeof ZPromoteSchema>;

/** promotion.rollback: back to a snapshot from the environment's history. */
export const ZRollbackSchema = ZPromoteSchema;

export const ZFindPromotionsSchema = ZApplicationRefSchema.merge(ZPageInputSchema);

export const ZPromotionRefSchema = ZApplicationRefSchema.extend({
  promotionId: z.uuid("This promotion id is not valid."),
});

export const ZEnvironmentHistorySchema = ZApplicationRefSchema.extend({
  environment: ZEnvironmentNameSchema,
}).merge(ZPageInputSchema);
