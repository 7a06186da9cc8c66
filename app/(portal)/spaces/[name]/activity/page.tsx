import type { Metadata } from "next";
import { History } from "lucide-react";
import { ActivityPage } from "@/components/spaces/activity-table";
import { EmptyState } from "@/components/ui/empty-state";
import { listHref } from "@/lib/list-href";
import { MASKED_EMAIL_NOTE } from "@/lib/mask-email";
import { parseCursorParam } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../../../list-page";
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
  const cursor = parseCursorParam((await searchParams).cursor);
  await loadSpace(name);
  const api = await getServerApi();
  const hrefFor = (c?: string) => listHref(`/spaces/${name}/activity`, { cursor: c });
  const activity = await loadListPage(() => api.activity.list({ space: name, cursor }), hrefFor());
  return (
    <div className="space-y-4">
      {activity.items.length === 0 ? (
        <EmptyState
          icon={<History aria-hidden />}
          title="No activity yet"
          description="Changes to this space and its members appear here."
        />
      ) : (
        <>
          {activity.emailsMasked ? (
            <p className="text-muted-foreground text-sm" data-testid="masked-email-note">
              {MASKED_EMAIL_NOTE}
            </p>
          ) : null}
          <ActivityPage page={activity} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
