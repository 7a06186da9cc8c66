// SnapshotEnvironmentBindings: which snapshot of an application an environment runs. Viewers read;
// contributors bind and change the snapshot (as they promote); owners delete a binding.
import {
  ZBindingRefSchema,
  ZCreateBindingSchema,
  ZDeleteBindingSchema,
  ZFindBindingsSchema,
  ZUpdateBindingSchema,
} from "@/lib/validators/binding";
import { createBinding } from "@/server/services/bindings/create-binding";
import { deleteBinding } from "@/server/services/bindings/delete-binding";
import { findBindings } from "@/server/services/bindings/find-bindings";
import { getBinding } from "@/server/services/bindings/get-binding";
import { updateBinding } from "@/server/services/bindings/update-binding";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const bindingRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindBindingsSchema)
    .query(({ ctx, input }) => findBindings(ctx, input)),

  get: spaceProcedure("viewer")
    .input(ZBindingRefSchema)
    .query(({ ctx, input }) => getBinding(ctx, input)),

  create: spaceProcedure("contributor")
    .input(ZCreateBindingSchema)
    .mutation(({ ctx, input }) => createBinding(ctx, input)),

  update: spaceProcedure("contributor")
    .input(ZUpdateBindingSchema)
    .mutation(({ ctx, input }) => updateBinding(ctx, input)),

  delete: spaceProcedure("owner")
    .input(ZDeleteBindingSchema)
    .mutation(({ ctx, input }) => deleteBinding(ctx, input)),
});
