import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ServerIcon } from "lucide-react";
import { ClusterTable } from "@/components/clusters/cluster-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listHref } from "@/lib/list-href";
import { parseCursorParam } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../../list-page";

export const metadata: Metadata = { title: "Clusters · Administration" };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminClustersPage({ searchParams }: { searchParams: TSearchParams }) {
  const api = await getServerApi();
  if (!(await api.viewer.get()).isAdmin) notFound();
  const cursor = parseCursorParam((await searchParams).cursor);
  const hrefFor = (c?: string) => listHref("/admin/clusters", { cursor: c });
  const page = await loadListPage(() => api.cluster.list({ cursor }), hrefFor());
  const register = (
    <Button asChild>
      <Link href="/admin/clusters/new">Register cluster</Link>
    </Button>
  );
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Administration" }, { label: "Clusters" }]} />
      <PageHeader
        title="Clusters"
        description="The Kubernetes clusters environments run on, with the health of their last connectivity check."
        actions={register}
      />
      {page.items.length === 0 ? (
        <EmptyState
          icon={<ServerIcon aria-hidden />}
          title={cursor ? "No more clusters" : "No clusters yet"}
          description="Register a cluster with a kubeconfig or a service-account token."
          action={register}
        />
      ) : (
        <>
          <ClusterTable clusters={page.items} />
          <CursorPagination prev={page.prev} next={page.next} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
