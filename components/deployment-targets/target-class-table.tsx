import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DeleteTargetClassButton } from "./admin-target-actions";

type TClass = RouterOutputs["deploymentTargetClass"]["list"]["items"][number];

const quotaText = (quota: Record<string, string>) =>
  Object.entries(quota)
    .map(([key, value]) => `${key}=${value}`)
    .join(", ") || "none";

export function TargetClassTable({ classes }: { classes: TClass[] }) {
  return (
    <Table aria-label="Classes">
      <TableHeader>
        <TableRow>
          <TableHead>Class</TableHead>
          <TableHead>Cluster</TableHead>
          <TableHead>Reclaim policy</TableHead>
          <TableHead>Quota</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {classes.map((c) => (
          <TableRow key={c.id} data-testid={`class-${c.name}`}>
            <TableCell>
              <div className="font-mono font-medium">{c.name}</div>
              <div className="text-muted-foreground text-xs">{c.description || c.provisioner}</div>
            </TableCell>
            <TableCell className="font-mono text-sm">
              {c.cluster.name}
              {c.cluster.cordoned ? (
                <Badge variant="warning" className="ml-2">
                  Cordoned
                </Badge>
              ) : null}
            </TableCell>
            <TableCell>
              <Badge variant="outline">{c.reclaimPolicy}</Badge>
            </TableCell>
            <TableCell className="font-mono text-xs">{quotaText(c.quota)}</TableCell>
            <TableCell className="text-right">
              <DeleteTargetClassButton id={c.id} name={c.name} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
