import Link from "next/link";
import { HealthBadge, SyncBadge } from "@/components/applications/status-badges";
import { PromoteDialog } from "@/components/promotions/promote-dialog";
import { Button } from "@/components/ui/button";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { rollUp } from "@/lib/deployment-rollup";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type THistory = RouterOutputs["promotion"]["history"];

/** An application bound here: its snapshot, the components deploying it, its history here. */
export type TDeployedApplication = RouterOutputs["environment"]["deployed"]["items"][number] & {
  history: THistory;
  historyHref: (cursor?: string) => string;
  activeRun: { id: string } | null;
};

/**
 * Per application running in the environment: its snapshot with the components' sync and health
 * in one, a Promote action, and the snapshots that ran here before, each with "Roll back to this"
 * (a promotion of that snapshot, its diff shown first). Contributors only see the buttons; when
 * the environment cannot take a promotion, they see why instead.
 */
export function DeployedHere({
  space,
  environment,
  applications,
  canPromote,
  blockedReason,
}: {
  space: string;
  environment: { name: string; displayName: string };
  applications: TDeployedApplication[];
  canPromote: boolean;
  /** Why this application cannot be promoted here now (not Ready, a run in progress), or null. */
  blockedReason: (app: TDeployedApplication) => string | null;
}) {
  if (applications.length === 0) {
    return (
      <p className="text-muted-foreground text-sm">
        No application is deployed here yet. Promote a snapshot from an application&apos;s promotion
        page.
      </p>
    );
  }
  return (
    <ul className="space-y-4">
      {applications.map((app) => {
        const status = rollUp(app.components);
        const lastSynced = app.lastSyncedAt;
        const earlier = app.history.items.filter((h) => h.snapshot.name !== app.snapshot);
        const blocked = blockedReason(app);
        return (
          <li
            key={app.application}
            className="space-y-3 rounded-md border p-4"
            data-testid={`deployed-${app.application}`}
            aria-label={`${app.application} in ${environment.displayName}`}
          >
            <div className="flex flex-wrap items-start justify-between gap-4">
              <div className="space-y-1 text-sm">
                <p className="text-base font-medium">
                  <Link
                    href={`/spaces/${space}/applications/${app.application}/promotion`}
                    className="hover:underline"
                  >
                    {app.application}
                  </Link>
                </p>
                <p>
                  Snapshot <span className="font-mono font-medium">{app.snapshot}</span>
                </p>
                <p className="flex flex-wrap items-center gap-1">
                  <SyncBadge status={status.sync} />
                  <HealthBadge status={status.health} />
                </p>
                <p className="text-muted-foreground text-xs">
                  Last sync {lastSynced ? formatDateTime(lastSynced) : "not yet"}
                </p>
              </div>
              {canPromote ? (
                <div className="flex flex-wrap gap-2">
                  <Button asChild variant="outline" size="sm">
                    <Link
                      href={`/spaces/${space}/applications/${app.application}/bindings/${environment.name}/edit?from=environment`}
                      aria-label={`Configure ${app.application} in ${environment.displayName}`}
                    >
                      Configure
                    </Link>
                  </Button>
                  <PromoteDialog
                    space={space}
                    application={app.application}
                    environment={environment}
                    blockedReason={blocked}
                    label={`Promote ${app.application} to ${environment.displayName}`}
                  />
                </div>
              ) : null}
            </div>
            <details open={earlier.length > 0}>
              <summary className="cursor-pointer text-sm font-medium">
                History of {app.application} here
              </summary>
              <ol aria-label={`History of ${app.application}`} className="mt-2 space-y-2 text-sm">
                {app.history.items.map((h) => (
                  <li
                    key={h.promotionId}
                    className="flex flex-wrap items-center justify-between gap-2"
                  >
                    <span>
                      <span className="font-mono">{h.snapshot.name}</span>{" "}
                      <span className="text-muted-foreground">
                        {h.kind} {h.deployedAt ? formatDateTime(h.deployedAt) : ""}
                        {h.previousSnapshot ? `, replaced ${h.previousSnapshot}` : ""}
                      </span>
                    </span>
                    {canPromote && h.snapshot.name !== app.snapshot ? (
                      <PromoteDialog
                        kind="rollback"
                        space={space}
                        application={app.application}
                        environment={environment}
                        snapshots={[h.snapshot]}
                        blockedReason={blocked}
                        label={`Roll back to this: ${h.snapshot.name} of ${app.application}`}
                      />
                    ) : null}
                  </li>
                ))}
              </ol>
              {app.history.items.length === 0 ? (
                <p className="text-muted-foreground text-sm">No promotion has completed here.</p>
              ) : null}
              <CursorPagination
                prev={app.history.prev}
                next={app.history.next}
                hrefFor={app.historyHref}
                labels={{ prev: "Newer", next: "Older" }}
              />
            </details>
          </li>
        );
      })}
    </ul>
  );
}
