import type { Metadata } from "next";
import Link from "next/link";
import { Layers } from "lucide-react";
import { PhaseBadge } from "@/components/environments/phase-badge";
import { PromotionGraph } from "@/components/environments/promotion-graph";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
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
import { phaseOf } from "@/lib/environment-phase";
import { ENVIRONMENT_TYPE_LABELS } from "@/lib/environment-defaults";
import { roleAtLeast } from "@/lib/validators/space";
import { getServerApi } from "@/server/api/server";
import { loadPagedList } from "../../../list-page";
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
  const { role } = await loadSpace(name);
  const api = await getServerApi();
  const base = `/spaces/${name}/environments`;
  const [{ page, isFirstPage, hrefFor }, graph] = await Promise.all([
    loadPagedList(base, searchParams, (cursor) => api.environment.list({ space: name, cursor })),
    api.environment.graph({ space: name }),
  ]);
  const canCreate = roleAtLeast(role, "contributor");
  const newButton = canCreate ? (
    <Button asChild>
      <Link href={`${base}/new`}>New environment</Link>
    </Button>
  ) : null;
  if (page.items.length === 0 && isFirstPage) {
    return (
      <EmptyState
        icon={<Layers />}
        title="No environments yet"
        description="An environment is a namespace on a cluster with quota, network policy and access for this space's members."
        action={newButton}
      />
    );
  }
  // Follow the list while anything on it is still being set up, changed or deleted.
  const settling = page.items.some((env) => phaseOf(env).phase !== "Ready");
  return (
    <div className="space-y-6">
      <AutoRefresh active={settling} />
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
                <LinkedName
                  href={`${base}/${env.name}`}
                  displayName={env.displayName}
                  name={env.name}
                />
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
