import {
  ZClusterRefSchema,
  ZDeleteClusterSchema,
  ZFindClustersSchema,
  ZInspectKubeconfigSchema,
  ZRegisterClusterSchema,
  ZRotateClusterCredentialsSchema,
  ZSetClusterCordonedSchema,
  ZUpdateClusterSchema,
} from "@/lib/validators/cluster";
import { checkClusterNow } from "@/server/services/clusters/check-cluster-now";
import { deleteCluster } from "@/server/services/clusters/delete-cluster";
import { findClusters } from "@/server/services/clusters/find-clusters";
import { getCluster } from "@/server/services/clusters/get-cluster";
import { inspectKubeconfig } from "@/server/services/clusters/inspect-kubeconfig";
import { listClusterChoices } from "@/server/services/clusters/list-cluster-choices";
import { registerCluster } from "@/server/services/clusters/register-cluster";
import { rotateClusterCredentials } from "@/server/services/clusters/rotate-cluster-credentials";
import { setClusterCordoned } from "@/server/services/clusters/set-cluster-cordoned";
import { updateCluster } from "@/server/services/clusters/update-cluster";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "../trpc";

export const clusterRouter = createTRPCRouter({
  list: adminProcedure
    .input(ZFindClustersSchema)
    .query(({ ctx, input }) => findClusters(ctx, input)),

  get: adminProcedure.input(ZClusterRefSchema).query(({ ctx, input }) => getCluster(ctx, input)),

  /** Names, labels and health for everyone (the environment form); nothing secret. */
  choices: protectedProcedure.query(({ ctx }) => listClusterChoices(ctx)),

  inspectKubeconfig: adminProcedure
    .input(ZInspectKubeconfigSchema)
    .mutation(({ input }) => inspectKubeconfig(input)),

  register: adminProcedure
    .input(ZRegisterClusterSchema)
    .mutation(({ ctx, input }) => registerCluster(ctx, input)),

  update: adminProcedure
    .input(ZUpdateClusterSchema)
    .mutation(({ ctx, input }) => updateCluster(ctx, input)),

  rotateCredentials: adminProcedure
    .input(ZRotateClusterCredentialsSchema)
    .mutation(({ ctx, input }) => rotateClusterCredentials(ctx, input)),

  setCordoned: adminProcedure
    .input(ZSetClusterCordonedSchema)
    .mutation(({ ctx, input }) => setClusterCordoned(ctx, input)),

  check: adminProcedure
    .input(ZClusterRefSchema)
    .mutation(({ ctx, input }) => checkClusterNow(ctx, input)),

  delete: adminProcedure
    .input(ZDeleteClusterSchema)
    .mutation(({ ctx, input }) => deleteCluster(ctx, input)),
});
