// Promote and roll back into an environment as the person (issue 9). The reconciler carries the run
// out with the cluster's service credentials (DESIGN.md), so what the person's token decides is
// checked up front, before anything is written: on a cluster with user sign-in their connection
// must be usable (else ConnectionNeeded / ReconnectNeeded, naming the environment), and a
// server-side dry run, as them, of the apply the promotion's step will make to the binding's
// Applications must pass — the cluster's RBAC answers, and its 403 is told in words.
import { KubernetesObjectApi, PatchStrategy } from "@kubernetes/client-node";
import { and, eq, sql } from "drizzle-orm";
import {
  applications,
  clusters,
  environments,
  gitopsDeployments,
  snapshotEnvironmentBindings,
} from "@/db/schema";
import { FIELD_MANAGER } from "@/server/k8s/labels";
import type { TSpaceContext } from "../context";
import { asPerson } from "../connections/cluster-forbidden";
import {
  assertTokenAccepted,
  namingEnvironment,
  whoOf,
  type TPersonAccess,
} from "../connections/person-checks";
import { withUserCluster } from "../connections/user-cluster-access";

/** The environment's Argo CD cluster (its hub's, in hub topology); none while it has no cluster. */
async function argoClusterOf(ctx: TSpaceContext, environment: string) {
  const [row] = await ctx.db
    .select({
      environmentId: environments.id,
      argoCdClusterId: sql<string>`coalesce(${clusters.hubClusterId}, ${clusters.id})`,
    })
    .from(environments)
    .innerJoin(clusters, eq(clusters.id, environments.clusterId))
    .where(and(eq(environments.spaceId, ctx.space.id), eq(environments.name, environment)));
  return row;
}

/** The binding's Applications as last applied: the objects the step's apply will change. */
function deployedApplications(ctx: TSpaceContext, application: string, environmentId: string) {
  const b = snapshotEnvironmentBindings;
  return ctx.db
    .select({
      name: gitopsDeployments.applicationName,
      namespace: gitopsDeployments.argoCdNamespace,
      manifest: gitopsDeployments.manifest,
    })
    .from(gitopsDeployments)
    .innerJoin(b, eq(b.id, gitopsDeployments.bindingId))
    .innerJoin(applications, eq(applications.id, b.applicationId))
    .where(
      and(
        eq(b.spaceId, ctx.space.id),
        eq(b.environmentId, environmentId),
        eq(applications.name, application),
      ),
    );
}

/**
 * Dry-runs, as the person, the binding pass's apply of each Application (its field manager, its
 * spec): the promotion changes only what that apply carries. A first promotion into the
 * environment has no Application yet; the pass creates it with service credentials (members' Roles
 * name existing Applications, they never create one), so there the person's token only has to be
 * accepted: a SelfSubjectReview ("who am I") asks the cluster that.
 */
async function dryRunAsPerson(
  access: TPersonAccess,
  deployed: Awaited<ReturnType<typeof deployedApplications>>,
) {
  if (deployed.length === 0) return assertTokenAccepted(access);
  const who = whoOf(access);
  const objects = KubernetesObjectApi.makeApiClient(access.kubeConfig);
  for (const app of deployed) {
    const request = { verb: "patch", resource: "applications", ...app };
    await asPerson(who, request, () =>
      objects.patch(
        {
          apiVersion: app.manifest.apiVersion as string,
          kind: app.manifest.kind as string,
          metadata: { name: app.name, namespace: app.namespace },
          spec: app.manifest.spec,
        },
        undefined,
        "All",
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      ),
    );
  }
}

/** Refuses, before anything is written, a promotion the person could not make on the cluster. */
export async function checkPromotionAsUser(
  ctx: TSpaceContext,
  input: { application: string; environment: string },
): Promise<void> {
  const target = await argoClusterOf(ctx, input.environment);
  // Unknown environment, or one without a cluster: createPromotion refuses it in its own words.
  if (!target) return;
  await namingEnvironment(input.environment, () =>
    withUserCluster(ctx, ctx.actor.id, target.argoCdClusterId, async (access) => {
      if (access.kind === "not-configured") return;
      const deployed = await deployedApplications(ctx, input.application, target.environmentId);
      await dryRunAsPerson(access, deployed);
    }),
  );
}
