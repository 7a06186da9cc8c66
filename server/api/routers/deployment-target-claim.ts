import {
  ZClaimRefSchema,
  ZCreateClaimSchema,
  ZFindClaimsSchema,
} from "@/lib/validators/deployment-target";
import { createClaim } from "@/server/services/deployment-targets/create-claim";
import { deleteClaim } from "@/server/services/deployment-targets/delete-claim";
import { findClaims, getClaim } from "@/server/services/deployment-targets/find-claims";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const deploymentTargetClaimRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindClaimsSchema)
    .query(({ ctx, input }) => findClaims(ctx, input)),

  get: spaceProcedure("viewer")
    .input(ZClaimRefSchema)
    .query(({ ctx, input }) => getClaim(ctx, input)),

  create: spaceProcedure("contributor")
    .input(ZCreateClaimSchema)
    .mutation(({ ctx, input }) => createClaim(ctx, input)),

  delete: spaceProcedure("contributor")
    .input(ZClaimRefSchema)
    .mutation(({ ctx, input }) => deleteClaim(ctx, input)),
});
