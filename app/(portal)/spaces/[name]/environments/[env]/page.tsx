import type { Metadata } from "next";
import Link from "next/link";
import { DeploymentsSection } from "@/components/applications/deployments-table";
import { ClusterEventsSection } from "@/components/environments/cluster-events-section";
import { ConditionsTable } from "@/components/environments/conditions-table";
import { DeployedHere } from "@/components/environments/deployed-here";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { DeleteEnvironmentDialog } from "@/components/environments/delete-environment-dialog";
import { EnvironmentEvents } from "@/components/environments/environment-events";
import {
  ExtendExpiryForm,
  OpenWorkspaceButton,
} from "@/components/environments/environment-actions";
import { LiveObjectDialog } from "@/components/environments/live-object-dialog";
import { ManagedObjectsTable } from "@/components/environments/managed-objects-table";
import { PhaseBadge } from "@/components/environments/phase-badge";
import { PromotionGraph } from "@/components/environments/promotion-graph";
import { ConnectedNotice } from "@/components/connections/connected-notice";
import { EnvironmentConnectionCard } from "@/components/connections/environment-connection-card";
import { promoteBlockedReason } from "@/components/promotions/blocked-reason";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environment-defaults";
import { phaseOf } from "@/lib/environment-phase";
import { formatDateTime } from "@/lib/format";
import { listHref } from "@/lib/list-href";
import { parseCursorParam } from "@/lib/validators/pagination";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../../../../list-page";
import { HISTORY_PAGE_SIZE, loadDeployedApplications } from "./deployed-data";
import { loadEnvironment } from "./environment-data";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ env: string }>;
}): Promise<Metadata> {
  return { title: `Environment ${(await params).env}` };
}

export default async function EnvironmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string; env: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name, env: envName } = await params;
  const search = await searchParams;
  const cursor = parseCursorParam(search.deployments);
  const base = `/spaces/${name}/environments/${envName}`;
  const deploymentsHref = (at?: string) => listHref(base, { deployments: at });
  // "Deployed here" pages on its own (?deployed=); a page of it restarts the histories.
  const deployedHref = (at?: string) => listHref(base, { deployed: at });
  // Each application's history pages on its own (?history-<application>=), keeping the rest.
  const historyParam = (application: string) => `history-${application}`;
  const kept = Object.fromEntries(
    Object.entries(search).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === "string" &&
        (entry[0] === "deployments" || entry[0] === "deployed" || entry[0].startsWith("history-")),
    ),
  );
  const historyHref = (application: string) => (at?: string) =>
    listHref(base, { ...kept, [historyParam(application)]: at });
  const detail = await loadEnvironment(name, envName);
  const api = await getServerApi();
  const [graph, deployments, deployedPage, connection] = await Promise.all([
    api.environment.graph({ space: name }),
    loadListPage(
      () => api.deployment.list({ space: name, environment: envName, cursor }),
      deploymentsHref(),
    ),
    loadListPage(
      () =>
        api.environment.deployed({
          space: name,
          environment: envName,
          cursor: parseCursorParam(search.deployed),
        }),
      deployedHref(),
    ),
    api.connection.forEnvironment({ space: name, environment: envName }),
  ]);
  const { environment: env, cluster, claim, role } = detail;
  const deployed = await loadDeployedApplications(deployedPage, {
    history: (application) =>
      api.promotion.history({
        space: name,
        application,
        environment: envName,
        limit: HISTORY_PAGE_SIZE,
        cursor: parseCursorParam(search[historyParam(application)]),
      }),
    newestRun: (application) => api.promotion.list({ space: name, application, limit: 1 }),
    historyHref,
  });
  const deleting = env.deletionRequestedAt !== null;
  const canEdit = roleAtLeast(role, "contributor") && !deleting;
  const phase = phaseOf(env);
  const canPromote = roleAtLeast(role, "contributor");
  const facts: [string, React.ReactNode][] = [
    ["Type", ENVIRONMENT_TYPE_LABELS[env.type]],
    [
      "Cluster",
      cluster ? (
        <>
          {cluster.displayName || cluster.name}
          {cluster.emulated ? (
            <span className="text-muted-foreground"> — Emulated API — runs no workloads</span>
          ) : null}
        </>
      ) : claim ? (
        `Claim ${claim.name} (${claim.phase})`
      ) : (
        "—"
      ),
    ],
    [
      "Namespace",
      <span key="ns" className="font-mono">
        {env.namespace ?? "not bound yet"}
      </span>,
    ],
    ["Deployment strategy", env.deploymentStrategy],
    ["Generation", `${env.generation} (observed ${env.status.observedGeneration})`],
    ["Tags", env.tags.length > 0 ? env.tags.join(", ") : "—"],
    [
      "Quota",
      <span key="q" className="font-mono text-sm">
        {Object.entries(env.quota)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ")}
      </span>,
    ],
    [
      "Variables",
      env.variables.length > 0 ? (
        <span key="v" className="font-mono text-sm">
          {env.variables.map((v) => `${v.name}=${v.value}`).join(" ")}
        </span>
      ) : (
        "—"
      ),
    ],
  ];
  return (
    <div className="space-y-6">
      {/* Follows the environment's set-up and promotions into it (a rollback started here). */}
      <AutoRefresh active={phase.phase !== "Ready" || deployed.some((app) => app.activeRun)} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="text-xl font-semibold">{env.displayName}</h2>
          <p className="text-muted-foreground font-mono text-sm">{env.name}</p>
          <div className="mt-2">
            <PhaseBadge view={phase} />
          </div>
        </div>
        <div className="flex gap-2">
          {canEdit ? (
            <Button asChild variant="outline">
              <Link href={`/spaces/${name}/environments/${env.name}/edit`}>Edit</Link>
            </Button>
          ) : null}
          {role === "owner" && !deleting ? (
            <DeleteEnvironmentDialog space={name} environment={env} />
          ) : null}
        </div>
      </div>
      {deleting ? (
        <p role="status" className="text-sm">
          Deletion requested {formatDateTime(env.deletionRequestedAt!)}; the environment goes once
          its cluster confirms the namespace is gone.
        </p>
      ) : null}
      <Card>
        <CardContent className="pt-6">
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-muted-foreground text-sm">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <ConnectedNotice cluster={search.connected} />
      {connection ? <EnvironmentConnectionCard view={connection} /> : null}
      {env.expiresAt ? (
        <Card>
          <CardHeader>
            <CardTitle>Expiry</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            <p role={env.expiryWarnedAt ? "alert" : undefined}>
              Deleted at {formatDateTime(env.expiresAt)} unless extended.
            </p>
            {canEdit ? <ExtendExpiryForm space={name} environment={env.name} /> : null}
          </CardContent>
        </Card>
      ) : null}
      {env.type === "dev" && canEdit ? (
        <Card>
          <CardHeader>
            <CardTitle>Workspace</CardTitle>
          </CardHeader>
          <CardContent>
            {detail.workspace ? (
              <p className="mb-3 text-sm">
                Your namespace: <span className="font-mono">{detail.workspace.namespace}</span>
              </p>
            ) : null}
            <OpenWorkspaceButton space={name} environment={env.name} />
          </CardContent>
        </Card>
      ) : null}
      <section aria-labelledby="deployed-heading" className="space-y-3">
        <h3 id="deployed-heading" className="text-lg font-semibold">
          Deployed here
        </h3>
        <DeployedHere
          space={name}
          environment={env}
          applications={deployed}
          canPromote={canPromote}
          blockedReason={(app) => promoteBlockedReason(env, app.activeRun)}
        />
        <CursorPagination
          prev={deployedPage.prev}
          next={deployedPage.next}
          hrefFor={deployedHref}
        />
      </section>
      <section aria-labelledby="conditions-heading" className="space-y-2">
        <h3 id="conditions-heading" className="text-lg font-semibold">
          Conditions
        </h3>
        <ConditionsTable conditions={env.status.conditions} />
      </section>
      <DeploymentsSection
        page={deployments}
        show="application"
        hrefFor={deploymentsHref}
        space={name}
        canSync={canEdit}
      />
      <section aria-labelledby="objects-heading" className="space-y-2">
        <h3 id="objects-heading" className="text-lg font-semibold">
          Objects on the cluster
        </h3>
        <ManagedObjectsTable
          objects={detail.objects}
          liveAction={(object) => (
            <LiveObjectDialog
              space={name}
              environment={env.name}
              object={{
                apiVersion: object.apiVersion,
                kind: object.kind,
                namespace: object.namespace,
                name: object.name,
              }}
            />
          )}
        />
      </section>
      <section aria-labelledby="graph-heading" className="space-y-2">
        <h3 id="graph-heading" className="text-lg font-semibold">
          Promotion order
        </h3>
        <PromotionGraph space={name} graph={graph} current={env.name} />
      </section>
      <section aria-labelledby="events-heading" className="space-y-2">
        <h3 id="events-heading" className="text-lg font-semibold">
          Events
        </h3>
        <EnvironmentEvents events={detail.events} />
      </section>
      {env.namespace ? (
        <section aria-labelledby="cluster-events-heading" className="space-y-2">
          <h3 id="cluster-events-heading" className="text-lg font-semibold">
            Cluster events
          </h3>
          <p className="text-muted-foreground text-sm">
            The Kubernetes Events in <span className="font-mono">{env.namespace}</span>, read from
            the cluster now.
          </p>
          <ClusterEventsSection space={name} environment={env.name} />
        </section>
      ) : null}
    </div>
  );
}
