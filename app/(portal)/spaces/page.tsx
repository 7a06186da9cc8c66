import type { Metadata } from "next";
import Link from "next/link";
import { Boxes, Plus } from "lucide-react";
import { SpaceTable } from "@/components/spaces/space-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { pageHref, redirectPastLastPage } from "@/lib/page-links";
import { parsePageParam } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";

export const metadata: Metadata = { title: "Spaces" };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SpacesPage({ searchParams }: { searchParams: TSearchParams }) {
  const params = await searchParams;
  const query = typeof params.q === "string" ? params.q.trim().slice(0, 100) : "";
  const page = parsePageParam(params.page);
  const api = await getServerApi();
  const [result, viewer] = await Promise.all([
    api.space.list({ query: query || undefined, page }),
    api.viewer.get(),
  ]);

  const makeHref = (p: number) => pageHref("/spaces", p, { q: query });
  redirectPastLastPage(result, makeHref);

  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Spaces" }]} />
      <PageHeader
        title="Spaces"
        description={
          viewer.isAdmin
            ? "As an admin you see every space."
            : "The spaces you are a member of. A space holds a team's environments, applications and members."
        }
        actions={
          <Button asChild>
            <Link href="/spaces/new">
              <Plus aria-hidden /> New space
            </Link>
          </Button>
        }
      />
      <SearchInput
        placeholder="Search by name or display name"
        defaultValue={query}
        label="Search spaces"
      />
      {result.total === 0 ? (
        query ? (
          <EmptyState
            icon={<Boxes aria-hidden />}
            title={`No spaces match "${query}"`}
            description="Try another name, or clear the search."
            action={
              <Button asChild variant="outline">
                <Link href="/spaces">Clear search</Link>
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<Boxes aria-hidden />}
            title="No spaces yet"
            description="Create a space for your team; you can add members and environments to it."
            action={
              <Button asChild>
                <Link href="/spaces/new">Create a space</Link>
              </Button>
            }
          />
        )
      ) : (
        <>
          <SpaceTable spaces={result.items} />
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            total={result.total}
            makeHref={makeHref}
          />
        </>
      )}
    </div>
  );
}
