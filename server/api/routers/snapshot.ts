// Snapshots of an application: the API for cutting them (snapshot.create) as well as the page's.
// Viewers read; contributors create and rename; owners delete one no binding uses.
import {
  ZCreateSnapshotSchema,
  ZDeleteSnapshotSchema,
  ZFindSnapshotsSchema,
  ZSnapshotRefSchema,
  ZUpdateSnapshotSchema,
} from "@/lib/validators/snapshot";
import { createSnapshot } from "@/server/services/snapshots/create-snapshot";
import { deleteSnapshot } from "@/server/services/snapshots/delete-snapshot";
import { findSnapshots } from "@/server/services/snapshots/find-snapshots";
import { getSnapshot } from "@/server/services/snapshots/get-snapshot";
import { updateSnapshot } from "@/server/services/snapshots/update-snapshot";
import { createTRPCRouter, spaceProcedure } from "../trpc";

export const snapshotRouter = createTRPCRouter({
  list: spaceProcedure("viewer")
    .input(ZFindSnapshotsSchema)
    .query(({ ctx, input }) => findSnapshots(ctx, input)),

  get: spaceProcedure("viewer")
    .input(ZSnapshotRefSchema)
    .query(({ ctx, input }) => getSnapshot(ctx, input)),

  create: spaceProcedure("contributor")
    .input(ZCreateSnapshotSchema)
    .mutation(({ ctx, input }) => createSnapshot(ctx, input)),

  update: spaceProcedure("contributor")
    .input(ZUpdateSnapshotSchema)
    .mutation(({ ctx, input }) => updateSnapshot(ctx, input)),

  delete: spaceProcedure("owner")
    .input(ZDeleteSnapshotSchema)
    .mutation(({ ctx, input }) => deleteSnapshot(ctx, input)),
});
