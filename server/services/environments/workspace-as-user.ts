// Opening a personal dev namespace as the person (issue 9), checked before anything is written.
// The reconciler makes the namespace with service credentials: creating a namespace is cluster
// scoped, which members never may, and their admin binding there only exists afterwards. So for a
// personal namespace Slipway asks only whether the cluster takes the person's token (a
// SelfSubjectReview). Where contributors share the environment's own namespace, they work there
// with their own rights from the first minute, so the cluster is asked the real question: may they
// create pods there (what a workspace starts) — a SelfSubjectAccessReview, refused in words.
import type { TSpaceContext } from "../context";
import {
  assertAllowed,
  assertTokenAccepted,
  namingEnvironment,
} from "../connections/person-checks";
import { withUserCluster } from "../connections/user-cluster-access";
import { loadEnvironment } from "./environment-row";

export async function checkWorkspaceAsUser(
  ctx: TSpaceContext,
  input: { environment: string },
): Promise<void> {
  const env = await loadEnvironment(ctx.db, ctx.space.id, input.environment);
  // Not a dev environment, or no namespace yet: openWorkspace refuses it in its own words.
  const { clusterId, namespace } = env;
  if (env.type !== "dev" || !clusterId || !namespace) return;
  const shared = !env.contributorNamespaces && ctx.role !== "owner";
  await namingEnvironment(env.name, () =>
    withUserCluster(ctx, ctx.actor.id, clusterId, async (access) => {
      if (access.kind === "not-configured") return;
      if (!shared) return assertTokenAccepted(access);
      await assertAllowed(access, { verb: "create", resource: "pods", name: "", namespace });
    }),
  );
}
