// A person's own connections to clusters: status and "Disconnect". Connecting is a browser
// redirect, so it lives in app/api/connections/*; tokens never appear in any answer here.
import { ZEnvironmentRefSchema } from "@/lib/validators/environment";
import { ZConnectionHealthSchema, ZConnectionRefSchema } from "@/lib/validators/connection";
import { ZPageInputSchema } from "@/lib/validators/pagination";
import { disconnectCluster } from "@/server/services/connections/disconnect-cluster";
import { environmentConnection } from "@/server/services/connections/environment-connection";
import { environmentCredentialHealth } from "@/server/services/connections/environment-credential-health";
import { findMyConnections } from "@/server/services/connections/find-my-connections";
import { createTRPCRouter, protectedProcedure, spaceProcedure } from "../trpc";

export const connectionRouter = createTRPCRouter({
  /** The actor's connection to an environment's cluster (any member may look at their own). */
  forEnvironment: spaceProcedure("viewer")
    .input(ZEnvironmentRefSchema)
    .query(({ ctx, input }) => environmentConnection(ctx, input)),

  /** Per environment of the space, whether the actor's promotions into it can run as them. */
  health: spaceProcedure("viewer")
    .input(ZConnectionHealthSchema)
    .query(({ ctx, input }) => environmentCredentialHealth(ctx, input)),

  /** Every cluster the actor reaches through their spaces, with their connection to each. */
  mine: protectedProcedure
    .input(ZPageInputSchema)
    .query(({ ctx, input }) => findMyConnections(ctx, input)),

  /** Revokes and forgets the actor's own tokens for a cluster (never another person's). */
  disconnect: protectedProcedure
    .input(ZConnectionRefSchema)
    .mutation(({ ctx, input }) => disconnectCluster(ctx, input)),
});
