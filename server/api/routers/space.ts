import {
  ZCreateSpaceSchema,
  ZDeleteSpaceSchema,
  ZFindSpacesSchema,
  ZUpdateSpaceSchema,
} from "@/lib/validators/space";
import { createSpace } from "@/server/services/spaces/create-space";
import { deleteSpace } from "@/server/services/spaces/delete-space";
import { findSpaces } from "@/server/services/spaces/find-spaces";
import { updateSpace } from "@/server/services/spaces/update-space";
import { createTRPCRouter, protectedProcedure, spaceProcedure } from "../trpc";

export const spaceRouter = createTRPCRouter({
  list: protectedProcedure
    .input(ZFindSpacesSchema)
    .query(({ ctx, input }) => findSpaces(ctx.db, ctx.actor, input)),

  get: spaceProcedure("viewer").query(({ ctx }) => ({
    space: ctx.space,
    role: ctx.role,
    isMember: ctx.isMember,
  })),

  create: protectedProcedure
    .input(ZCreateSpaceSchema)
    .mutation(({ ctx, input }) => createSpace(ctx, input)),

  update: spaceProcedure("owner")
    .input(ZUpdateSpaceSchema)
    .mutation(({ ctx, input }) => updateSpace(ctx, ctx.space, input)),

  delete: spaceProcedure("owner")
    .input(ZDeleteSpaceSchema)
    .mutation(({ ctx, input }) => deleteSpace(ctx, ctx.space, input.confirmName)),
});
