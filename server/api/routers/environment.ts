// Environments of a space. Viewers read; contributors create, edit, extend and open workspaces (as
// Kargo and Argo CD users expect developers to manage their dev and test stages); deleting, which
// removes a namespace and everything in it, takes an owner.
import {
  ZClusterEventsSchema,
  ZCreateEnvironmentSchema,
  ZDeleteEnvironmentSchema,
  ZEnvironmentRefSchema,
  ZExtendEnvironmentSchema,
  ZFindDeployedApplicationsSchema,
  ZFindEnvironmentsSchema,
  ZLiveObjectSchema,
  ZUpdateEnvironmentSchema,
} from "@/lib/validators/environment";
import { clusterEvents } from "@/server/services/environments/cluster-events";
import { createEnvironment } from "@/server/services/environments/create-environment";
import { deleteEnvironment } from "@/server/services/environments/delete-environment";
import { environmentGraph } from "@/server/services/environments/environment-graph";
import { extendEnvironment } from "@/server/services/environments/extend-environment";
import { findDeployedApplications } from "@/server/services/environments/find-deployed-applications";
import { findEnvironments } from "@/server/services/environments/find-environments";
import { getEnvironment } from "@/server/services/environments/get-environment";
import { liveObject } from "@/server/services/environments/live-object";
import { listPlacements } from "@/server/services/environments/list-placements";
import { openWorkspace } from "@/server/services/environments/open-workspace";
import { updateEnvironment } from "@/server/services/environments/update-environment";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const environmentRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindEnvironmentsSchema)
    .query(({ ctx, input }) => findEnvironments(ctx, input)),

  graph: spaceProcedure("viewer").query(({ ctx }) => environmentGraph(ctx)),

  get: spaceProcedure("viewer")
    .input(ZEnvironmentRefSchema)
    .query(({ ctx, input }) => getEnvironment(ctx, input)),

  // "Deployed here": the applications bound to the environment, a page at a time.
  deployed: spaceProcedure("viewer")
    .input(ZFindDeployedApplicationsSchema)
    .query(({ ctx, input }) => findDeployedApplications(ctx, input)),

  // Read from the cluster now, as the person where it has user sign-in (its RBAC decides).
  liveObject: spaceProcedure("viewer")
    .input(ZLiveObjectSchema)
    .query(({ ctx, input }) => liveObject(ctx, input)),

  clusterEvents: spaceProcedure("viewer")
    .input(ZClusterEventsSchema)
    .query(({ ctx, input }) => clusterEvents(ctx, input)),

  placements: spaceProcedure("viewer").query(({ ctx }) => listPlacements(ctx)),

  create: spaceProcedure("contributor")
    .input(ZCreateEnvironmentSchema)
    .mutation(({ ctx, input }) => createEnvironment(ctx, input)),

  update: spaceProcedure("contributor")
    .input(ZUpdateEnvironmentSchema)
    .mutation(({ ctx, input }) => updateEnvironment(ctx, input)),

  extend: spaceProcedure("contributor")
    .input(ZExtendEnvironmentSchema)
    .mutation(({ ctx, input }) => extendEnvironment(ctx, input)),

  openWorkspace: spaceProcedure("contributor")
    .input(ZEnvironmentRefSchema)
    .mutation(({ ctx, input }) => openWorkspace(ctx, input)),

  delete: spaceProcedure("owner")
    .input(ZDeleteEnvironmentSchema)
    .mutation(({ ctx, input }) => deleteEnvironment(ctx, input)),
});
