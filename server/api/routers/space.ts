import {
  ZCreateSpaceSchema,
  ZDeleteSpaceSchema,
  ZFindSpacesSchema,
  ZUpdateSpaceSchema,
} from "@/lib/validators/space";
import { createSpace } from "@/server/services/spaces/create-space";
import { deleteSpace } from "@/server/services/spaces/delete-space";
import { findSpaces } from "@/server/services/spaces/find-spaces";
import { getSpace } from "@/server/services/spaces/get-space";
import { updateSpace } from "@/server/services/spaces/update-space";
import { createTRPCRouter, protectedProcedure, spaceProcedure } from "../trpc";

export const spaceRouter = createTRPCRouter({
  list: protectedProcedure
    .input(ZFindSpacesSchema)
    .query(({ ctx, input }) => findSpaces(ctx, input)),

  get: spaceProcedure("viewer").query(({ ctx }) => getSpace(ctx)),

  create: protectedProcedure
    .input(ZCreateSpaceSchema)
    .mutation(({ ctx, input }) => createSpace(ctx, input)),

  update: spaceProcedure("owner")
    .input(ZUpdateSpaceSchema)
    .mutation(({ ctx, input }) => updateSpace(ctx, input)),

  delete: spaceProcedure("owner")
    .input(ZDeleteSpaceSchema)
    .mutation(({ ctx, input }) => deleteSpace(ctx, input)),
});
