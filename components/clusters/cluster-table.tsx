import { Badge } from "@/components/ui/badge";
import { LinkedName } from "@/components/ui/linked-name";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";
import { ClusterHealthBadge, EmulatedBadge } from "./cluster-health";

type TClusterListItem = RouterOutputs["cluster"]["list"]["items"][number];

export function ClusterLabels({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span className="text-muted-foreground text-sm">—</span>;
  return (
    <div className="flex flex-wrap gap-1">
      {entries.map(([key, value]) => (
        <Badge key={key} variant="outline" className="font-mono">
          {key}={value}
        </Badge>
      ))}
    </div>
  );
}

export function ClusterTable({ clusters }: { clusters: TClusterListItem[] }) {
  return (
    <Table aria-label="Clusters">
      <TableHeader>
        <TableRow>
          <TableHead>Cluster</TableHead>
          <TableHead>Labels</TableHead>
          <TableHead>Health</TableHead>
          <TableHead>Last check</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {clusters.map((cluster) => (
          <TableRow key={cluster.id}>
            <TableCell>
              <LinkedName
                href={`/admin/clusters/${cluster.name}`}
                displayName={cluster.displayName || cluster.name}
                name={cluster.name}
              />
              <div className="mt-1 flex flex-wrap gap-1">
                {cluster.emulated ? <EmulatedBadge /> : null}
                {cluster.cordoned ? <Badge variant="secondary">Cordoned</Badge> : null}
                {cluster.deletionRequestedAt ? (
                  <Badge variant="destructive">Being deleted</Badge>
                ) : null}
              </div>
            </TableCell>
            <TableCell>
              <ClusterLabels labels={cluster.labels} />
            </TableCell>
            <TableCell>
              <ClusterHealthBadge cluster={cluster} />
              {cluster.probe?.error ? (
                <div className="text-muted-foreground mt-1 max-w-xs text-xs">
                  {cluster.probe.error}
                </div>
              ) : null}
            </TableCell>
            <TableCell className="text-muted-foreground text-sm">
              {cluster.probe ? formatDateTime(new Date(cluster.probe.checkedAt)) : "Never"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
