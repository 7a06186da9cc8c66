// Components of an application. Viewers read; contributors add and edit; owners delete.
import {
  ZComponentRefSchema,
  ZCreateComponentSchema,
  ZFindComponentsSchema,
  ZUpdateComponentSchema,
} from "@/lib/validators/application";
import { createComponent } from "@/server/services/components/create-component";
import { deleteComponent } from "@/server/services/components/delete-component";
import { findComponents } from "@/server/services/components/find-components";
import { getComponent } from "@/server/services/components/get-component";
import { updateComponent } from "@/server/services/components/update-component";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const componentRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindComponentsSchema)
    .query(({ ctx, input }) => findComponents(ctx, input)),

  get: spaceProcedure("viewer")
    .input(ZComponentRefSchema)
    .query(({ ctx, input }) => getComponent(ctx, input)),

  create: spaceProcedure("contributor")
    .input(ZCreateComponentSchema)
    .mutation(({ ctx, input }) => createComponent(ctx, input)),

  update: spaceProcedure("contributor")
    .input(ZUpdateComponentSchema)
    .mutation(({ ctx, input }) => updateComponent(ctx, input)),

  delete: spaceProcedure("owner")
    .input(ZComponentRefSchema)
    .mutation(({ ctx, input }) => deleteComponent(ctx, input)),
});
