import {
  ZCreateTargetClassSchema,
  ZFindTargetClassesSchema,
  ZTargetClassRefSchema,
  ZUpdateTargetClassSchema,
} from "@/lib/validators/deployment-target";
import { createTargetClass } from "@/server/services/deployment-targets/create-target-class";
import { deleteTargetClass } from "@/server/services/deployment-targets/delete-target-class";
import { findTargetClasses } from "@/server/services/deployment-targets/find-target-classes";
import { updateTargetClass } from "@/server/services/deployment-targets/update-target-class";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "../trpc";

export const deploymentTargetClassRouter = createTRPCRouter({
  // Everyone signed in: a claim names a class.
  list: protectedProcedure
    .input(ZFindTargetClassesSchema)
    .query(({ ctx, input }) => findTargetClasses(ctx, input)),

  create: adminProcedure
    .input(ZCreateTargetClassSchema)
    .mutation(({ ctx, input }) => createTargetClass(ctx, input)),

  update: adminProcedure
    .input(ZUpdateTargetClassSchema)
    .mutation(({ ctx, input }) => updateTargetClass(ctx, input)),

  delete: adminProcedure
    .input(ZTargetClassRefSchema)
    .mutation(({ ctx, input }) => deleteTargetClass(ctx, input)),
});
