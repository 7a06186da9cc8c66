import type { Metadata } from "next";
import { PlugZap } from "lucide-react";
import { ConnectedNotice } from "@/components/connections/connected-notice";
import { MyConnectionTable } from "@/components/connections/my-connection-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getServerApi } from "@/server/api/server";
import { loadPagedList } from "../list-page";

export const metadata: Metadata = { title: "My connections" };

export default async function MyConnectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const api = await getServerApi();
  const { page, hrefFor } = await loadPagedList("/connections", searchParams, (cursor) =>
    api.connection.mine({ cursor }),
  );
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "My connections" }]} />
      <PageHeader
        title="My connections"
        description="The clusters your environments run on. Where a cluster has user sign-in, connect your account so Slipway acts there as you and the cluster's own permissions decide."
      />
      <ConnectedNotice cluster={(await searchParams).connected} />
      {page.items.length === 0 ? (
        <EmptyState
          icon={<PlugZap aria-hidden />}
          title="No clusters yet"
          description="Clusters appear here once a space you belong to has an environment on them."
        />
      ) : (
        <>
          <MyConnectionTable connections={page.items} />
          <CursorPagination prev={page.prev} next={page.next} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
