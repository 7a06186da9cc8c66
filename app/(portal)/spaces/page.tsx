import type { Metadata } from "next";
import Link from "next/link";
import { Boxes, Plus } from "lucide-react";
import { SpaceTable } from "@/components/spaces/space-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { SearchInput } from "@/components/ui/search-input";
import { listHref } from "@/lib/list-href";
import { parseCursorParam } from "@/lib/validators/pagination";
import { ZSearchQuerySchema } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../list-page";

export const metadata: Metadata = { title: "Spaces" };

type TSearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SpacesPage({ searchParams }: { searchParams: TSearchParams }) {
  const params = await searchParams;
  // A query the search would refuse (too long, control characters) is dropped, not an error page.
  const parsed = ZSearchQuerySchema.safeParse(typeof params.q === "string" ? params.q : "");
  const query = parsed.success ? parsed.data : "";
  const cursor = parseCursorParam(params.cursor);
  const api = await getServerApi();
  const hrefFor = (c?: string) => listHref("/spaces", { q: query, cursor: c });
  const [result, viewer] = await Promise.all([
    loadListPage(() => api.space.list({ query: query || undefined, cursor }), hrefFor()),
    api.viewer.get(),
  ]);

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
      {result.items.length === 0 && cursor ? (
        <EmptyState
          icon={<Boxes aria-hidden />}
          title="No more spaces"
          description="This page is past the end of the list."
          action={
            <Button asChild variant="outline">
              <Link href={hrefFor()}>First page</Link>
            </Button>
          }
        />
      ) : result.items.length === 0 ? (
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
          <CursorPagination prev={result.prev} next={result.next} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
