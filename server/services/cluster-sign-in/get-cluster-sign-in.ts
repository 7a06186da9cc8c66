import type { TServiceContext } from "../context";
import { loadClusterSignIn } from "./load-cluster-sign-in";
import { clusterSignInView, type TClusterSignInView } from "./sign-in-row";

/** How users sign in to the cluster ("none" when not configured); never the client secret. */
export async function getClusterSignIn(
  ctx: TServiceContext,
  input: { name: string },
): Promise<TClusterSignInView> {
  const { signIn } = await loadClusterSignIn(ctx, input.name);
  return clusterSignInView(signIn);
}
