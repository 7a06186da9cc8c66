import { createTRPCRouter, protectedProcedure } from "../trpc";

/** The signed-in user, as the session knows them. */
export const viewerRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => ctx.actor),
});
