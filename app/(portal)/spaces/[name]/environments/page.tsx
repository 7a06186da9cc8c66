import type { Metadata } from "next";
import Link from "next/link";
import { Layers } from "lucide-react";
import { PhaseBadge } from "@/components/environments/phase-badge";
import { PromotionGraph } from "@/components/environments/promotion-graph";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { phaseOf } from "@/lib/environment-phase";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environment-defaults";
import { listHref } from "@/lib/list-href";
import { parseCursorParam } from "@/lib/validators/pagination";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../../../list-page";
import { loadSpace } from "../space-data";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name } = await params;
  const cursor = parseCursorParam((await searchParams).cursor);
  const { role } = await loadSpace(name);
  const api = await getServerApi();
  const base = `/spaces/${name}/environments`;
  const hrefFor = (c?: string) => listHref(base, { cursor: c });
  const [page, graph] = await Promise.all([
    loadListPage(() => api.environment.list({ space: name, cursor }), hrefFor()),
    api.environment.graph({ space: name }),
  ]);
  const canCreate = roleAtLeast(role, "contributor");
  const newButton = canCreate ? (
    <Button asChild>
      <Link href={`${base}/new`}>New environment</Link>
    </Button>
  ) : null;
  if (page.items.length === 0 && !cursor) {
    return (
      <EmptyState
        icon={<Layers />}
        title="No environments yet"
        description="An environment is a namespace on a cluster with quota, network policy and access for this space's members."
        action={newButton}
      />
    );
  }
  return (
    <div className="space-y-6">
      <div className="flex justify-end">{newButton}</div>
      <Table aria-label="Environments">
        <TableHeader>
          <TableRow>
            <TableHead>Environment</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Cluster</TableHead>
            <TableHead>Namespace</TableHead>
            <TableHead>Promoted from</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.map((env) => (
            <TableRow key={env.id} data-testid={`environment-${env.name}`}>
              <TableCell>
                <Link href={`${base}/${env.name}`} className="font-medium hover:underline">
                  {env.displayName}
                </Link>
                <div className="text-muted-foreground font-mono text-xs">{env.name}</div>
              </TableCell>
              <TableCell>
                <PhaseBadge view={phaseOf(env)} />
              </TableCell>
              <TableCell>{ENVIRONMENT_TYPE_LABELS[env.type]}</TableCell>
              <TableCell>
                {env.clusterName ?? (env.claimName ? `claim ${env.claimName}` : "—")}
              </TableCell>
              <TableCell className="font-mono text-sm">{env.namespace ?? "—"}</TableCell>
              <TableCell>{env.parentName ?? "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <CursorPagination prev={page.prev} next={page.next} hrefFor={hrefFor} />
      <Card>
        <CardHeader>
          <CardTitle>Promotion order</CardTitle>
        </CardHeader>
        <CardContent>
          <PromotionGraph space={name} graph={graph} />
        </CardContent>
      </Card>
    </div>
  );
}
