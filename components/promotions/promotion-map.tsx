import Link from "next/link";
import { childrenByParent } from "@/lib/application-stages";
import { PromoteDialog } from "./promote-dialog";
import { promoteBlockedReason, type TEnvironmentConnection } from "./blocked-reason";
import { CredentialHealth } from "./credential-health";
import { StageSummary, type TApplicationStage } from "./stage-summary";

/**
 * The application across the promotion graph: each environment with what runs there, and for
 * contributors a Promote button on each edge (parent → child) whose dialog offers the parent's
 * snapshot first. Roots take any snapshot. Nested lists, like the environments' PromotionGraph.
 */
export function PromotionMap({
  space,
  application,
  stages,
  activeRun,
  canPromote,
  hasSnapshots,
  connections,
  returnTo,
}: {
  space: string;
  application: string;
  /** In graph order: each parent before its children. */
  stages: TApplicationStage[];
  activeRun: { id: string } | null;
  canPromote: boolean;
  /** Whether the application has any snapshot; the dialogs read them a page at a time. */
  hasSnapshots: boolean;
  /** The viewer's credential health per environment name (issue 9). */
  connections: ReadonlyMap<string, TEnvironmentConnection>;
  /** Where a Connect link comes back to: this page. */
  returnTo: string;
}) {
  const childrenOf = childrenByParent(
    stages,
    (s) => s.environment.id,
    (s) => s.parent?.id ?? null,
  );
  const branch = (parent: string | null, depth: number) => {
    const children = childrenOf.get(parent) ?? [];
    if (children.length === 0) return null;
    return (
      <ul className={depth === 0 ? "space-y-3" : "mt-3 space-y-3 border-l pl-6"}>
        {children.map((stage) => {
          const env = stage.environment;
          const fromParent = stage.parent ? snapshotIn(stages, stage.parent.id) : null;
          return (
            <li key={env.id}>
              <div
                className="flex flex-wrap items-start justify-between gap-4 rounded-md border p-3"
                data-testid={`stage-${env.name}`}
              >
                <div className="space-y-1">
                  <p className="flex items-center gap-2">
                    {stage.parent ? (
                      <span role="img" aria-label="promoted to" className="text-muted-foreground">
                        →
                      </span>
                    ) : null}
                    <Link
                      href={`/spaces/${space}/environments/${env.name}`}
                      className="font-medium hover:underline"
                    >
                      {env.displayName}
                    </Link>
                    <span className="text-muted-foreground font-mono text-xs">{env.type}</span>
                  </p>
                  <StageSummary stage={stage} />
                  <CredentialHealth connection={connections.get(env.name)} returnTo={returnTo} />
                </div>
                {canPromote ? (
                  <PromoteDialog
                    key={fromParent ?? ""}
                    space={space}
                    application={application}
                    environment={env}
                    // None offered (the button stays off) until there is one to promote.
                    snapshots={hasSnapshots ? undefined : []}
                    defaultSnapshot={fromParent ?? undefined}
                    blockedReason={promoteBlockedReason(env, activeRun, connections.get(env.name))}
                    label={
                      stage.parent
                        ? `Promote from ${stage.parent.displayName} to ${env.displayName}`
                        : `Promote to ${env.displayName}`
                    }
                  />
                ) : null}
              </div>
              {branch(env.id, depth + 1)}
            </li>
          );
        })}
      </ul>
    );
  };
  return <nav aria-label="Promotion graph of the application">{branch(null, 0)}</nav>;
}

/** The snapshot running in an environment: what promoting along its edges offers first. */
function snapshotIn(stages: TApplicationStage[], environmentId: string): string | null {
  return stages.find((s) => s.environment.id === environmentId)?.snapshot?.name ?? null;
}
