import { stringify } from "yaml";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Badge } from "@/components/ui/badge";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";
import { HealthBadge, SyncBadge } from "./status-badges";
import { CancelSyncRunButton, SyncNowButton } from "./sync-run-actions";

type TDeployment = RouterOutputs["deployment"]["list"]["items"][number];
type TSyncRun = TDeployment["syncRuns"][number];

const isActive = (run: TSyncRun) => run.state === "Pending" || run.state === "Running";

const RUN_VARIANT: Record<TSyncRun["state"], "success" | "warning" | "destructive" | "muted"> = {
  Pending: "muted",
  Running: "muted",
  Succeeded: "success",
  Failed: "destructive",
  Terminated: "warning",
};

/** A deployment's newest sync runs: state, Argo CD's phase and message, and Cancel while active. */
function SyncRuns({
  deployment,
  space,
  canSync,
}: {
  deployment: TDeployment;
  space: string;
  canSync: boolean;
}) {
  if (deployment.syncRuns.length === 0) return null;
  const where = `${deployment.component} in ${deployment.environment}`;
  return (
    <ul aria-label={`Sync runs of ${where}`} className="mt-2 space-y-1 text-xs">
      {deployment.syncRuns.map((run) => (
        <li key={run.id}>
          <Badge variant={RUN_VARIANT[run.state]}>{run.state}</Badge>{" "}
          <span className="font-mono">{run.revisionID}</span> by {run.requestedBy}
          {run.operationPhase && run.operationPhase !== run.state ? ` (${run.operationPhase})` : ""}
          {run.message ? <span className="text-muted-foreground block">{run.message}</span> : null}
          {canSync && isActive(run) && !run.cancelRequested ? (
            <CancelSyncRunButton space={space} runId={run.id} what={where} />
          ) : null}
          {isActive(run) && run.cancelRequested ? (
            <span className="text-muted-foreground block">Cancelling…</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Said wherever an emulated Argo CD's statuses show, so nobody takes them for a real deployment. */
export const EMULATED_ARGO_CD_NOTE =
  "Argo CD is emulated on the sandbox: these statuses are not from a real deployment (nothing is fetched from Git and no workloads run)";

/**
 * Each component's Argo CD Application with the sync, health and revision Argo CD last reported,
 * its conditions (Argo CD's and Slipway's) and its YAML. `show` picks the columns a page needs
 * (the environment page shows the application, the application page the environment).
 * Contributors (`canSync`) sync manual deployments by hand and cancel their runs.
 */
export function DeploymentsTable({
  deployments,
  show,
  space,
  canSync,
}: {
  deployments: TDeployment[];
  show: "application" | "environment";
  space: string;
  canSync: boolean;
}) {
  if (deployments.length === 0) {
    return (
      <p className="text-muted-foreground text-sm">
        Nothing deployed yet. A component appears here once a snapshot is bound and the reconciler
        has written its Argo CD Application.
      </p>
    );
  }
  return (
    <Table aria-label="Deployments">
      <TableHeader>
        <TableRow>
          <TableHead>{show === "application" ? "Application" : "Environment"}</TableHead>
          <TableHead>Component</TableHead>
          <TableHead>Snapshot</TableHead>
          <TableHead>Image</TableHead>
          <TableHead>Sync</TableHead>
          <TableHead>Health</TableHead>
          <TableHead>Revision</TableHead>
          <TableHead>Last sync</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deployments.map((d) => {
          const conditions = [...d.slipwayConditions, ...d.conditions];
          return (
            <TableRow key={d.id}>
              <TableCell>{show === "application" ? d.application : d.environment}</TableCell>
              <TableCell className="font-mono text-sm">
                {d.component}
                {conditions.map((c) => (
                  <p key={c.type} role="alert" className="text-destructive mt-1 font-sans text-xs">
                    {c.type}: {c.message}
                  </p>
                ))}
                <details className="mt-2">
                  <summary className="cursor-pointer font-sans text-xs underline">
                    View YAML of {d.applicationName}
                  </summary>
                  <pre className="bg-muted mt-2 max-h-96 overflow-auto rounded p-3 text-xs">
                    {stringify(d.manifest)}
                  </pre>
                </details>
              </TableCell>
              <TableCell className="font-mono text-sm">{d.snapshot}</TableCell>
              <TableCell className="font-mono text-xs break-all">
                {d.images.length > 0 ? d.images.join(", ") : "—"}
              </TableCell>
              <TableCell>
                <SyncBadge status={d.syncStatus} />
                <p className="text-muted-foreground mt-1 text-xs">{d.syncMode}</p>
                {canSync ? (
                  <SyncNowButton
                    deployment={{
                      space,
                      application: d.application,
                      environment: d.environment,
                      component: d.component,
                    }}
                    syncMode={d.syncMode}
                    busy={d.syncRuns.some(isActive)}
                  />
                ) : null}
                <SyncRuns deployment={d} space={space} canSync={canSync} />
                {d.argoCdEmulated ? (
                  <p className="text-muted-foreground mt-1 text-xs">
                    <Badge variant="warning" title={EMULATED_ARGO_CD_NOTE}>
                      Emulated Argo CD
                    </Badge>
                  </p>
                ) : null}
              </TableCell>
              <TableCell>
                <HealthBadge status={d.healthStatus} />
              </TableCell>
              <TableCell className="font-mono text-xs">{d.revision?.slice(0, 12) ?? "—"}</TableCell>
              <TableCell className="text-muted-foreground text-sm">
                {d.lastSyncedAt ? formatDateTime(d.lastSyncedAt) : "—"}
                {d.operationState ? (
                  <p className="text-xs">
                    {d.operationState.phase}
                    {d.operationState.message ? `: ${d.operationState.message}` : ""}
                  </p>
                ) : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The "Deployments" section of the environment and application pages, a page at a time. */
export function DeploymentsSection({
  page,
  show,
  hrefFor,
  space,
  canSync,
}: {
  page: RouterOutputs["deployment"]["list"];
  show: "application" | "environment";
  hrefFor: (cursor?: string) => string;
  space: string;
  canSync: boolean;
}) {
  return (
    <section aria-labelledby="deployments-heading" className="space-y-3">
      <h3 id="deployments-heading" className="text-lg font-semibold">
        Deployments
      </h3>
      {/* Follows a sync run until it finishes, without a reload. */}
      <AutoRefresh active={page.items.some((d) => d.syncRuns.some(isActive))} />
      {page.items.some((d) => d.argoCdEmulated) ? (
        <p className="text-muted-foreground text-sm">{EMULATED_ARGO_CD_NOTE}.</p>
      ) : null}
      <DeploymentsTable deployments={page.items} show={show} space={space} canSync={canSync} />
      <CursorPagination prev={page.prev} next={page.next} hrefFor={hrefFor} />
    </section>
  );
}
