import { getGettingStarted } from "@/server/services/getting-started/get-getting-started";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const gettingStartedRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getGettingStarted(ctx)),
});
