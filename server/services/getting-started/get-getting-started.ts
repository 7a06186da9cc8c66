import { and, asc, count, eq, inArray } from "drizzle-orm";
import { applications, environments, spaceMembers, spaces } from "@/db/schema";
import type { TServiceContext } from "../context";
import { clusterStep, firstDeploymentStep } from "./deployment-step";

export type TStepState = "done" | "todo" | "coming";

export interface TGettingStartedStep {
  id:
    | "sign-in"
    | "register-cluster"
    | "create-space"
    | "add-environment"
    | "create-application"
    | "first-deployment";
  title: string;
  description: string;
  state: TStepState;
  /** Where to do it; absent for steps that are done or not built yet. */
  href?: string;
}

/**
 * Done once a space the user belongs to has one of `table`'s rows; otherwise a link to `path`
 * (e.g. "environments/new") in the first space (by name) where they may create one. Someone who
 * is only a viewer everywhere gets no link.
 */
async function spaceStepState(
  ctx: TServiceContext,
  table: typeof environments | typeof applications,
  path: string,
): Promise<{ state: TStepState; href?: string }> {
  const mine = ctx.db
    .select({ spaceId: spaceMembers.spaceId })
    .from(spaceMembers)
    .where(eq(spaceMembers.userId, ctx.actor.id));
  const [existing] = await ctx.db
    .select({ id: table.id })
    .from(table)
    .where(inArray(table.spaceId, mine))
    .limit(1);
  if (existing) return { state: "done" };
  const [writable] = await ctx.db
    .select({ name: spaces.name })
    .from(spaces)
    .innerJoin(spaceMembers, eq(spaceMembers.spaceId, spaces.id))
    .where(
      and(
        eq(spaceMembers.userId, ctx.actor.id),
        inArray(spaceMembers.role, ["owner", "contributor"]),
      ),
    )
    .orderBy(asc(spaces.name))
    .limit(1);
  return { state: "todo", href: writable ? `/spaces/${writable.name}/${path}` : undefined };
}

/**
 * The checklist is computed from what exists. A step whose feature is not built yet would be
 * "coming": shown so people see the road ahead, never as done and never as a link.
 */
export async function getGettingStarted(
  ctx: TServiceContext,
): Promise<{ steps: TGettingStartedStep[] }> {
  const [memberships] = await ctx.db
    .select({ total: count() })
    .from(spaceMembers)
    .where(eq(spaceMembers.userId, ctx.actor.id));
  const hasSpace = Number(memberships?.total ?? 0) > 0;
  const noSpaceYet = { state: "todo" as const };
  const [environmentStep, applicationStep, deploymentStep, registerStep] = await Promise.all([
    hasSpace ? spaceStepState(ctx, environments, "environments/new") : noSpaceYet,
    hasSpace ? spaceStepState(ctx, applications, "applications/new") : noSpaceYet,
    hasSpace ? firstDeploymentStep(ctx) : noSpaceYet,
    clusterStep(ctx),
  ]);

  const steps: TGettingStartedStep[] = [
    {
      id: "sign-in",
      title: "Sign in",
      description: "You are signed in.",
      state: "done",
    },
    {
      id: "register-cluster",
      title: "Register a cluster",
      description: ctx.actor.isAdmin
        ? "As an admin, you will register the Kubernetes clusters that environments run on, under Administration → Clusters."
        : "An admin registers the Kubernetes clusters that environments run on.",
      ...registerStep,
    },
    {
      id: "create-space",
      title: "Create a space",
      description: "A space groups your team's environments, applications and members.",
      state: hasSpace ? "done" : "todo",
      href: hasSpace ? undefined : "/spaces/new",
    },
    {
      id: "add-environment",
      title: "Add an environment",
      description:
        "A namespace on a cluster with quota, network policy and access for your space's members.",
      ...environmentStep,
    },
    {
      id: "create-application",
      title: "Create an application",
      description: "Describe your components and where their GitOps sources live.",
      ...applicationStep,
    },
    {
      id: "first-deployment",
      title: "Make a first deployment",
      description: "Cut a snapshot of your component images and promote it to an environment.",
      ...deploymentStep,
    },
  ];
  return { steps };
}
