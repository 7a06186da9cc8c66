// GitOps deployments: what Argo CD runs for the space's bindings and how it fares. Viewers read;
// the reconciler writes them.
import { ZFindDeploymentsSchema } from "@/lib/validators/deployment";
import { findDeployments } from "@/server/services/deployments/find-deployments";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const deploymentRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindDeploymentsSchema)
    .query(({ ctx, input }) => findDeployments(ctx, input)),
});
