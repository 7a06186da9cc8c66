// Applications of a space, their pipeline environment maps and stages. Viewers read; contributors create
// and edit (as environments); deleting, which takes components, snapshots and bindings with it,
// takes an owner.
import {
  ZApplicationRefSchema,
  ZCreateApplicationSchema,
  ZDeleteApplicationSchema,
  ZFindApplicationStagesSchema,
  ZFindApplicationsSchema,
  ZSetPipelineMapSchema,
  ZUpdateApplicationSchema,
} from "@/lib/validators/application";
import { createApplication } from "@/server/services/applications/create-application";
import { deleteApplication } from "@/server/services/applications/delete-application";
import { findApplicationStages } from "@/server/services/applications/find-application-stages";
import { findApplications } from "@/server/services/applications/find-applications";
import { getApplication } from "@/server/services/applications/get-application";
import { setPipelineMap } from "@/server/services/applications/set-pipeline-map";
import { updateApplication } from "@/server/services/applications/update-application";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const applicationRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindApplicationsSchema)
    .query(({ ctx, input }) => findApplications(ctx, input)),

  get: spaceProcedure("viewer")
    .input(ZApplicationRefSchema)
    .query(({ ctx, input }) => getApplication(ctx, input)),

  // The promotion page and the pipeline view: each environment with the application's snapshot
  // and components there.
  stages: spaceProcedure("viewer")
    .input(ZFindApplicationStagesSchema)
    .query(({ ctx, input }) => findApplicationStages(ctx, input)),

  create: spaceProcedure("contributor")
    .input(ZCreateApplicationSchema)
    .mutation(({ ctx, input }) => createApplication(ctx, input)),

  update: spaceProcedure("contributor")
    .input(ZUpdateApplicationSchema)
    .mutation(({ ctx, input }) => updateApplication(ctx, input)),

  setPipelineMap: spaceProcedure("contributor")
    .input(ZSetPipelineMapSchema)
    .mutation(({ ctx, input }) => setPipelineMap(ctx, input)),

  delete: spaceProcedure("owner")
    .input(ZDeleteApplicationSchema)
    .mutation(({ ctx, input }) => deleteApplication(ctx, input)),
});
