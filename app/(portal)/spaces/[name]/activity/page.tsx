import type { Metadata } from "next";
import { History } from "lucide-react";
import { ActivityTable } from "@/components/spaces/activity-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { pageHref, redirectPastLastPage } from "@/lib/page-links";
import { parsePageParam } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";
import { loadSpace } from "../space-data";

export const metadata: Metadata = { title: "Activity" };

export default async function SpaceActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name } = await params;
  const page = parsePageParam((await searchParams).page);
  await loadSpace(name);
  const api = await getServerApi();
  const activity = await api.activity.list({ space: name, page });
  const makeHref = (p: number) => pageHref(`/spaces/${name}/activity`, p);
  redirectPastLastPage(activity, makeHref);
  return (
    <div className="space-y-4">
      {activity.total === 0 ? (
        <EmptyState
          icon={<History aria-hidden />}
          title="No activity yet"
          description="Changes to this space and its members appear here."
        />
      ) : (
        <>
          <ActivityTable events={activity.items} />
          <Pagination
            page={activity.page}
            pageCount={activity.pageCount}
            total={activity.total}
            makeHref={makeHref}
          />
        </>
      )}
    </div>
  );
}
