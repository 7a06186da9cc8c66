import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { TCondition } from "@/lib/conditions";
import { formatDateTime } from "@/lib/format";

export function ConditionsTable({ conditions }: { conditions: TCondition[] }) {
  if (conditions.length === 0) {
    return <p className="text-muted-foreground text-sm">The reconciler has not reported yet.</p>;
  }
  return (
    <Table aria-label="Conditions">
      <TableHeader>
        <TableRow>
          <TableHead>Condition</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Reason</TableHead>
          <TableHead>Message</TableHead>
          <TableHead>Generation</TableHead>
          <TableHead>Since</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {conditions.map((c) => (
          <TableRow key={c.type} data-testid={`condition-${c.type}`}>
            <TableCell className="font-medium">{c.type}</TableCell>
            <TableCell>{c.status}</TableCell>
            <TableCell className="font-mono text-sm">{c.reason}</TableCell>
            <TableCell>{c.message}</TableCell>
            <TableCell>{c.observedGeneration}</TableCell>
            <TableCell className="text-muted-foreground text-sm">
              {formatDateTime(new Date(c.lastTransitionTime))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
