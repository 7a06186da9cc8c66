import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { History } from "lucide-react";
import { ActivityFilters } from "@/components/admin/activity-filters";
import { ActivityPage } from "@/components/spaces/activity-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listHref } from "@/lib/list-href";
import { ADMIN_ACTIVITY_PATH } from "@/lib/validators/admin-activity";
import { parseAdminActivityParams } from "@/lib/validators/admin-activity-params";
import { parseCursorParam } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../../list-page";

export const metadata: Metadata = { title: "Activity · Administration" };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminActivityPage({ searchParams }: { searchParams: TSearchParams }) {
  const api = await getServerApi();
  // Not an admin: the same not-found page as any unknown URL (the procedure refuses them too).
  if (!(await api.viewer.get()).isAdmin) notFound();

  const params = await searchParams;
  const { filters, errors, raw } = parseAdminActivityParams(params);
  const invalid = Object.keys(errors).length > 0;
  const cursor = parseCursorParam(params.cursor);
  const hrefFor = (c?: string) => listHref(ADMIN_ACTIVITY_PATH, { ...filters, cursor: c });
  const activity = invalid
    ? null
    : await loadListPage(() => api.admin.activity({ ...filters, cursor }), hrefFor());
  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Administration" }, { label: "Activity" }]} />
      <PageHeader
        title="Activity"
        description="Everything recorded across Slipway, newest first: spaces (deleted ones included), members and administrator rights."
      />
      <ActivityFilters
        actor={activity?.actor ?? null}
        space={raw.space}
        action={raw.action}
        errors={errors}
      />
      {activity === null ? (
        <p className="text-muted-foreground text-sm">Correct the filters above to see activity.</p>
      ) : activity.items.length === 0 ? (
        <EmptyState
          icon={<History aria-hidden />}
          title={cursor ? "No more activity" : filtered ? "No activity matches" : "No activity yet"}
          description={
            cursor
              ? "This page is past the end of the list."
              : filtered
                ? "Nothing recorded matches these filters. A space name must match exactly."
                : "Changes to spaces, members and administrator rights appear here."
          }
          action={
            cursor || filtered ? (
              <Button asChild variant="outline">
                <Link href={cursor ? hrefFor() : ADMIN_ACTIVITY_PATH}>
                  {cursor ? "First page" : "Clear filters"}
                </Link>
              </Button>
            ) : undefined
          }
        />
      ) : (
        <ActivityPage page={activity} hrefFor={hrefFor} showSpace />
      )}
    </div>
  );
}
