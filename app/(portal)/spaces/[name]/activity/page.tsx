import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { History } from "lucide-react";
import { ActivityTable } from "@/components/spaces/activity-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
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
  const makeHref = (p: number) =>
    p > 1 ? `/spaces/${name}/activity?page=${p}` : `/spaces/${name}/activity`;
  // A page past the end (an old link, or the last item on it removed) shows the last page.
  if (activity.page > activity.pageCount) redirect(makeHref(activity.pageCount));
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
