import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateTargetClassForm } from "@/components/deployment-targets/create-target-class-form";
import { RegisterTargetForm } from "@/components/deployment-targets/register-target-form";
import { TargetClassTable } from "@/components/deployment-targets/target-class-table";
import { TargetTable } from "@/components/deployment-targets/target-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { PageHeader } from "@/components/ui/page-header";
import { listHref } from "@/lib/list-href";
import { MAX_PAGE_SIZE, parseCursorParam } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../../list-page";

export const metadata: Metadata = { title: "Deployment targets · Administration" };

const PATH = "/admin/deployment-targets";

export default async function AdminDeploymentTargetsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const api = await getServerApi();
  if (!(await api.viewer.get()).isAdmin) notFound();
  const query = await searchParams;
  // Two lists page independently: classes by ?classes=, targets by ?cursor=.
  const classCursor = parseCursorParam(query.classes);
  const cursor = parseCursorParam(query.cursor);
  const classHrefFor = (c?: string) => listHref(PATH, { classes: c, cursor });
  const hrefFor = (c?: string) => listHref(PATH, { classes: classCursor, cursor: c });
  const [classes, targets, clusters, classChoices] = await Promise.all([
    loadListPage(() => api.deploymentTargetClass.list({ cursor: classCursor }), classHrefFor()),
    loadListPage(() => api.deploymentTarget.list({ cursor }), hrefFor()),
    api.cluster.choices(),
    api.deploymentTargetClass.list({ limit: MAX_PAGE_SIZE }),
  ]);
  return (
    <div className="space-y-8">
      <Breadcrumbs items={[{ label: "Administration" }, { label: "Deployment targets" }]} />
      <PageHeader
        title="Deployment targets"
        description="Classes say what spaces may claim: a namespace on a cluster, with a quota and a reclaim policy. Targets are the namespaces, provisioned for claims or registered by you."
      />
      <section aria-labelledby="classes-heading" className="space-y-3">
        <h2 id="classes-heading" className="text-lg font-semibold">
          Classes
        </h2>
        {classes.items.length > 0 ? (
          <TargetClassTable classes={classes.items} />
        ) : (
          <p className="text-muted-foreground text-sm">No classes yet: create one below.</p>
        )}
        <CursorPagination prev={classes.prev} next={classes.next} hrefFor={classHrefFor} />
      </section>
      <section aria-labelledby="targets-heading" className="space-y-3">
        <h2 id="targets-heading" className="text-lg font-semibold">
          Targets
        </h2>
        {targets.items.length > 0 ? (
          <TargetTable targets={targets.items} />
        ) : (
          <p className="text-muted-foreground text-sm">
            No targets yet. They appear as spaces claim them, or when you register one.
          </p>
        )}
        <CursorPagination prev={targets.prev} next={targets.next} hrefFor={hrefFor} />
      </section>
      <Card>
        <CardHeader>
          <CardTitle>Create a class</CardTitle>
          <CardDescription>
            Provisioner slipway.dev/namespace: each claim gets its own namespace on the cluster,
            with a ServiceAccount whose token deploys there.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {clusters.length > 0 ? (
            <CreateTargetClassForm clusters={clusters} />
          ) : (
            <p className="text-muted-foreground text-sm">Register a cluster first.</p>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Register a namespace as a target</CardTitle>
          <CardDescription>
            Offer an existing namespace to claims of a class, before Slipway provisions new ones.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {classChoices.items.length > 0 ? (
            <RegisterTargetForm classes={classChoices.items} />
          ) : (
            <p className="text-muted-foreground text-sm">Create a class first.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
