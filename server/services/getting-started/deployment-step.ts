import { and, asc, eq, inArray } from "drizzle-orm";
import {
  applications,
  clusters,
  gitopsDeployments,
  promotionRuns,
  snapshotEnvironmentBindings,
  spaceMembers,
  spaces,
} from "@/db/schema";
import type { TServiceContext } from "../context";
import type { TStepState } from "./get-getting-started";

type TStep = { state: TStepState; href?: string };

/** Done once any cluster is registered; admins, who register them, get the form's link. */
export async function clusterStep(ctx: TServiceContext): Promise<TStep> {
  const [any] = await ctx.db.select({ id: clusters.id }).from(clusters).limit(1);
  if (any) return { state: "done" };
  return { state: "todo", href: ctx.actor.isAdmin ? "/admin/clusters/new" : undefined };
}

/**
 * Done once something of the user's spaces really deployed: a component Argo CD reports Synced
 * and Healthy, or a promotion run that completed with Success. Otherwise a link to the promotion
 * page of the first application (by space, then name) in a space where they may promote.
 */
export async function firstDeploymentStep(ctx: TServiceContext): Promise<TStep> {
  const mine = ctx.db
    .select({ spaceId: spaceMembers.spaceId })
    .from(spaceMembers)
    .where(eq(spaceMembers.userId, ctx.actor.id));
  const b = snapshotEnvironmentBindings;
  const [[running], [promoted]] = await Promise.all([
    ctx.db
      .select({ id: gitopsDeployments.id })
      .from(gitopsDeployments)
      .innerJoin(b, eq(b.id, gitopsDeployments.bindingId))
      .where(
        and(
          inArray(b.spaceId, mine),
          eq(gitopsDeployments.syncStatus, "Synced"),
          eq(gitopsDeployments.healthStatus, "Healthy"),
        ),
      )
      .limit(1),
    ctx.db
      .select({ id: promotionRuns.id })
      .from(promotionRuns)
      .where(and(inArray(promotionRuns.spaceId, mine), eq(promotionRuns.result, "Success")))
      .limit(1),
  ]);
  if (running || promoted) return { state: "done" };
  const [first] = await ctx.db
    .select({ space: spaces.name, application: applications.name })
    .from(applications)
    .innerJoin(spaces, eq(spaces.id, applications.spaceId))
    .innerJoin(spaceMembers, eq(spaceMembers.spaceId, spaces.id))
    .where(
      and(
        eq(spaceMembers.userId, ctx.actor.id),
        inArray(spaceMembers.role, ["owner", "contributor"]),
      ),
    )
    .orderBy(asc(spaces.name), asc(applications.name))
    .limit(1);
  return {
    state: "todo",
    href: first ? `/spaces/${first.space}/applications/${first.application}/promotion` : undefined,
  };
}
