import {
  ZFindTargetsSchema,
  ZRegisterTargetSchema,
  ZTargetRefSchema,
} from "@/lib/validators/deployment-target";
import { deleteTarget } from "@/server/services/deployment-targets/delete-target";
import { makeTargetAvailable } from "@/server/services/deployment-targets/make-target-available";
import { findTargets } from "@/server/services/deployment-targets/find-targets";
import { registerTarget } from "@/server/services/deployment-targets/register-target";
import { adminProcedure, createTRPCRouter } from "../trpc";

// Targets are the administrators' side: which namespaces exist on which clusters for whom.
export const deploymentTargetRouter = createTRPCRouter({
  list: adminProcedure.input(ZFindTargetsSchema).query(({ ctx, input }) => findTargets(ctx, input)),

  register: adminProcedure
    .input(ZRegisterTargetSchema)
    .mutation(({ ctx, input }) => registerTarget(ctx, input)),

  delete: adminProcedure
    .input(ZTargetRefSchema)
    .mutation(({ ctx, input }) => deleteTarget(ctx, input)),

  makeAvailable: adminProcedure
    .input(ZTargetRefSchema)
    .mutation(({ ctx, input }) => makeTargetAvailable(ctx, input)),
});
