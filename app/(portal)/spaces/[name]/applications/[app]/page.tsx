import type { Metadata } from "next";
import Link from "next/link";
import { ApplicationTabs } from "@/components/applications/application-tabs";
import { BindingTable } from "@/components/applications/binding-table";
import { ComponentTable } from "@/components/applications/component-table";
import { DeploymentsSection } from "@/components/applications/deployments-table";
import { CreateSnapshotForm } from "@/components/applications/create-snapshot-form";
import { DeleteApplicationDialog } from "@/components/applications/delete-application-dialog";
import { PipelineMapEditor } from "@/components/applications/pipeline-map-editor";
import { PipelineMapView } from "@/components/applications/pipeline-map-view";
import { SnapshotTable } from "@/components/applications/snapshot-table";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { listHref } from "@/lib/list-href";
import { suggestSnapshotName } from "@/lib/snapshot-name";
import { MAX_PAGE_SIZE, parseCursorParam } from "@/lib/validators/pagination";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../../../../list-page";
import { loadApplication } from "./application-data";

type TSearch = Record<string, string | string[] | undefined>;

export async function generateMetadata({
  params,
}: {
  params: Promise<{ app: string }>;
}): Promise<Metadata> {
  return { title: `Application ${(await params).app}` };
}

export default async function ApplicationPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string; app: string }>;
  searchParams: Promise<TSearch>;
}) {
  const { name, app: appName } = await params;
  const search = await searchParams;
  // Each list on the page pages on its own: ?components=, ?snapshots=, ?bindings=, ?deployments=.
  const cursors = {
    components: parseCursorParam(search.components),
    snapshots: parseCursorParam(search.snapshots),
    bindings: parseCursorParam(search.bindings),
    deployments: parseCursorParam(search.deployments),
  };
  const base = `/spaces/${name}/applications/${appName}`;
  const hrefFor = (list: keyof typeof cursors) => (cursor?: string) =>
    listHref(base, { ...cursors, [list]: cursor });
  const { application, pipeline, role } = await loadApplication(name, appName);
  const api = await getServerApi();
  const ref = { space: name, application: appName };
  const canEdit = roleAtLeast(role, "contributor");
  const [components, snapshots, bindings, deployments, graph] = await Promise.all([
    // A page holds every component an application may have (MAX_COMPONENTS).
    loadListPage(
      () => api.component.list({ ...ref, cursor: cursors.components, limit: MAX_PAGE_SIZE }),
      hrefFor("components")(),
    ),
    loadListPage(
      () => api.snapshot.list({ ...ref, cursor: cursors.snapshots }),
      hrefFor("snapshots")(),
    ),
    loadListPage(
      () => api.binding.list({ ...ref, cursor: cursors.bindings }),
      hrefFor("bindings")(),
    ),
    loadListPage(
      () => api.deployment.list({ ...ref, cursor: cursors.deployments }),
      hrefFor("deployments")(),
    ),
    canEdit ? api.environment.graph({ space: name }) : null,
  ]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="text-xl font-semibold">{application.displayName}</h2>
          <p className="text-muted-foreground font-mono text-sm">{application.name}</p>
        </div>
        {role === "owner" ? (
          <DeleteApplicationDialog space={name} application={application} />
        ) : null}
      </div>
      <ApplicationTabs space={name} application={appName} current="Overview" />

      <section aria-labelledby="components-heading" className="space-y-3">
        <div className="flex items-center justify-between gap-4">
          <h3 id="components-heading" className="text-lg font-semibold">
            Components
          </h3>
          {canEdit ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`${base}/components/new`}>Add component</Link>
            </Button>
          ) : null}
        </div>
        {components.items.length === 0 ? (
          <p className="text-muted-foreground text-sm">No components.</p>
        ) : (
          <ComponentTable
            space={name}
            application={appName}
            components={components.items}
            canEdit={canEdit}
            canDelete={role === "owner"}
          />
        )}
        <CursorPagination
          prev={components.prev}
          next={components.next}
          hrefFor={hrefFor("components")}
        />
      </section>

      <Card>
        <CardHeader>
          <CardTitle>Pipeline environment map</CardTitle>
          <CardDescription>
            Which environment each pipeline stage deploys to (test, stage, run…), in order.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {graph ? (
            <PipelineMapEditor
              space={name}
              application={appName}
              stages={pipeline.map((s) => ({ name: s.stage, environment: s.environment.name }))}
              environments={graph.nodes.filter((env) => !env.deletionRequestedAt)}
            />
          ) : (
            <PipelineMapView stages={pipeline} />
          )}
        </CardContent>
      </Card>

      <section aria-labelledby="snapshots-heading" className="space-y-3">
        <h3 id="snapshots-heading" className="text-lg font-semibold">
          Snapshots
        </h3>
        {canEdit && components.items.length > 0 ? (
          <Card>
            <CardHeader>
              <CardTitle>Create snapshot</CardTitle>
              <CardDescription>
                Fix one image per component. A snapshot never changes; environments are bound to
                snapshots.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <CreateSnapshotForm
                space={name}
                application={appName}
                components={components.items}
                suggestedName={suggestSnapshotName(appName, new Date())}
              />
            </CardContent>
          </Card>
        ) : null}
        {snapshots.items.length === 0 && !cursors.snapshots ? (
          <p className="text-muted-foreground text-sm">No snapshots yet.</p>
        ) : (
          <SnapshotTable
            space={name}
            application={appName}
            snapshots={snapshots.items}
            canDelete={role === "owner"}
          />
        )}
        <CursorPagination
          prev={snapshots.prev}
          next={snapshots.next}
          hrefFor={hrefFor("snapshots")}
          labels={{ prev: "Newer", next: "Older" }}
        />
      </section>

      <section aria-labelledby="bindings-heading" className="space-y-3">
        <h3 id="bindings-heading" className="text-lg font-semibold">
          Bindings
        </h3>
        {bindings.items.length === 0 && !cursors.bindings ? (
          <p className="text-muted-foreground text-sm">
            No environment runs a snapshot of this application yet.
          </p>
        ) : (
          <BindingTable
            space={name}
            application={appName}
            bindings={bindings.items}
            canConfigure={canEdit}
          />
        )}
        <CursorPagination prev={bindings.prev} next={bindings.next} hrefFor={hrefFor("bindings")} />
      </section>

      <DeploymentsSection
        page={deployments}
        show="environment"
        hrefFor={hrefFor("deployments")}
        space={name}
        canSync={canEdit}
      />
    </div>
  );
}
