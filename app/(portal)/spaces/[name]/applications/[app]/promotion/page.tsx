import type { Metadata } from "next";
import { ApplicationTabs } from "@/components/applications/application-tabs";
import { PromotionMap } from "@/components/promotions/promotion-map";
import { PromotionRunList } from "@/components/promotions/promotion-run-list";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { MAX_PAGE_SIZE } from "@/lib/validators/pagination";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadPagedList } from "../../../../../list-page";
import { loadApplicationStages } from "../stages-data";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ app: string }>;
}): Promise<Metadata> {
  return { title: `Promotion of ${(await params).app}` };
}

export default async function PromotionPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string; app: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name, app } = await params;
  const base = `/spaces/${name}/applications/${app}/promotion`;
  const api = await getServerApi();
  const ref = { space: name, application: app };
  const [{ application, role, stages, activeRun, moving }, runs, snapshots, health] =
    await Promise.all([
      loadApplicationStages(name, app, "graph"),
      loadPagedList(base, searchParams, (cursor) => api.promotion.list({ ...ref, cursor })),
      // Only whether there is any: the promote dialog pages through them itself.
      api.snapshot.list({ ...ref, limit: 1 }),
      // Who Slipway acts as in each environment; a space's environments fit one page.
      api.connection.health({ space: name, limit: MAX_PAGE_SIZE }),
    ]);
  const connections = new Map(health.items.map((item) => [item.environment, item]));
  const canPromote = roleAtLeast(role, "contributor");
  return (
    <div className="space-y-6">
      {/* Follows a run, and Argo CD catching up, without a reload. */}
      <AutoRefresh active={moving} />
      <div>
        <h2 className="text-xl font-semibold">{application.displayName}</h2>
        <p className="text-muted-foreground font-mono text-sm">{application.name}</p>
      </div>
      <ApplicationTabs space={name} application={app} current="Promotion" />
      <section aria-labelledby="graph-heading" className="space-y-3">
        <h3 id="graph-heading" className="text-lg font-semibold">
          Environments
        </h3>
        {stages.length === 0 ? (
          <p className="text-muted-foreground text-sm">This space has no environments yet.</p>
        ) : (
          <PromotionMap
            space={name}
            application={app}
            stages={stages}
            activeRun={activeRun}
            canPromote={canPromote}
            hasSnapshots={snapshots.items.length > 0}
            connections={connections}
            returnTo={base}
          />
        )}
        {canPromote && snapshots.items.length === 0 ? (
          <p className="text-muted-foreground text-sm">
            Create a snapshot on the application&apos;s overview to promote it.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="runs-heading" className="space-y-3">
        <h3 id="runs-heading" className="text-lg font-semibold">
          Promotion runs
        </h3>
        <PromotionRunList runs={runs.page.items} />
        <CursorPagination
          prev={runs.page.prev}
          next={runs.page.next}
          hrefFor={runs.hrefFor}
          labels={{ prev: "Newer", next: "Older" }}
        />
      </section>
    </div>
  );
}
