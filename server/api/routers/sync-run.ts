// Sync runs: a manual deployment synced by hand (upstream GitOpsDeploymentSyncRun). Viewers read;
// contributors start and cancel runs.
import {
  ZCreateSyncRunSchema,
  ZFindSyncRunsSchema,
  ZSyncRunRefSchema,
} from "@/lib/validators/sync-run";
import { cancelSyncRun } from "@/server/services/sync-runs/cancel-sync-run";
import { createSyncRun } from "@/server/services/sync-runs/create-sync-run";
import { findSyncRuns } from "@/server/services/sync-runs/find-sync-runs";
import { getSyncRun } from "@/server/services/sync-runs/get-sync-run";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const syncRunRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindSyncRunsSchema)
    .query(({ ctx, input }) => findSyncRuns(ctx, input)),

  get: spaceProcedure("viewer")
    .input(ZSyncRunRefSchema)
    .query(({ ctx, input }) => getSyncRun(ctx, input)),

  create: spaceProcedure("contributor")
    .input(ZCreateSyncRunSchema)
    .mutation(({ ctx, input }) => createSyncRun(ctx, input)),

  cancel: spaceProcedure("contributor")
    .input(ZSyncRunRefSchema)
    .mutation(({ ctx, input }) => cancelSyncRun(ctx, input)),
});
