import { count, eq } from "drizzle-orm";
import { spaceMembers } from "@/db/schema";
import type { TServiceContext } from "../context";

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
 * The checklist is computed from what exists. Steps whose features are not built yet are "coming":
 * they are shown so people see the road ahead, never as done and never as links.
 */
export async function getGettingStarted(
  ctx: TServiceContext,
): Promise<{ steps: TGettingStartedStep[] }> {
  const [memberships] = await ctx.db
    .select({ total: count() })
    .from(spaceMembers)
    .where(eq(spaceMembers.userId, ctx.actor.id));
  const hasSpace = Number(memberships?.total ?? 0) > 0;

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
      state: "coming",
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
      state: "coming",
    },
    {
      id: "create-application",
      title: "Create an application",
      description: "Describe your components and where their GitOps sources live.",
      state: "coming",
    },
    {
      id: "first-deployment",
      title: "Make a first deployment",
      description: "Cut a snapshot of your component images and promote it to an environment.",
      state: "coming",
    },
  ];
  return { steps };
}
