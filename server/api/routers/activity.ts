import { ZFindActivitySchema } from "@/lib/validators/space";
import { findAuditEvents } from "@/server/services/audit/find-audit-events";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const activityRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindActivitySchema)
    .query(({ ctx, input }) => findAuditEvents(ctx, input)),
});
