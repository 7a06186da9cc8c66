import type { Metadata } from "next";
import Link from "next/link";
import { Rocket } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkedName } from "@/components/ui/linked-name";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadPagedList } from "../../../list-page";
import { loadSpace } from "../space-data";

export const metadata: Metadata = { title: "Applications" };

export default async function ApplicationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name } = await params;
  const { role } = await loadSpace(name);
  const api = await getServerApi();
  const base = `/spaces/${name}/applications`;
  const { page, isFirstPage, hrefFor } = await loadPagedList(base, searchParams, (cursor) =>
    api.application.list({ space: name, cursor }),
  );
  const createButton = roleAtLeast(role, "contributor") ? (
    <Button asChild>
      <Link href={`${base}/new`}>Create app</Link>
    </Button>
  ) : null;
  if (page.items.length === 0 && isFirstPage) {
    return (
      <EmptyState
        icon={<Rocket />}
        title="No applications yet"
        description="An application is a set of components, each built into a container image and deployed by Argo CD from a GitOps repository."
        action={createButton}
      />
    );
  }
  return (
    <div className="space-y-6">
      <div className="flex justify-end">{createButton}</div>
      <Table aria-label="Applications">
        <TableHeader>
          <TableRow>
            <TableHead>Application</TableHead>
            <TableHead>Components</TableHead>
            <TableHead>Created</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.map((app) => (
            <TableRow key={app.id} data-testid={`application-${app.name}`}>
              <TableCell>
                <LinkedName
                  href={`${base}/${app.name}`}
                  displayName={app.displayName}
                  name={app.name}
                />
              </TableCell>
              <TableCell className="tabular-nums">{app.componentCount}</TableCell>
              <TableCell>{formatDate(app.createdAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <CursorPagination prev={page.prev} next={page.next} hrefFor={hrefFor} />
    </div>
  );
}
