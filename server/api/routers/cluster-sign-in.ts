import { ZClusterRefSchema } from "@/lib/validators/cluster";
import { ZSetClusterSignInSchema } from "@/lib/validators/cluster-sign-in";
import { clearClusterSignIn } from "@/server/services/cluster-sign-in/clear-cluster-sign-in";
import { getClusterSignIn } from "@/server/services/cluster-sign-in/get-cluster-sign-in";
import { setClusterSignIn } from "@/server/services/cluster-sign-in/set-cluster-sign-in";
import { testClusterSignIn } from "@/server/services/cluster-sign-in/test-cluster-sign-in";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** How people sign in to a cluster as themselves (admins only; the client secret never leaves). */
export const clusterSignInRouter = createTRPCRouter({
  get: adminProcedure
    .input(ZClusterRefSchema)
    .query(({ ctx, input }) => getClusterSignIn(ctx, input)),

  set: adminProcedure
    .input(ZSetClusterSignInSchema)
    .mutation(({ ctx, input }) => setClusterSignIn(ctx, input)),

  clear: adminProcedure
    .input(ZClusterRefSchema)
    .mutation(({ ctx, input }) => clearClusterSignIn(ctx, input)),

  /** Fetches the provider's discovery (and keys) and says what is wrong; changes nothing. */
  test: adminProcedure
    .input(ZClusterRefSchema)
    .mutation(({ ctx, input }) => testClusterSignIn(ctx, input)),
});
