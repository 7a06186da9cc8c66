import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { ConnectionActions, type TConnectionView } from "./connection-actions";
import { ConnectionStatus } from "./connection-status";

/** Every cluster the person reaches, their connection to it, and what they can do about it. */
export function MyConnectionTable({ connections }: { connections: TConnectionView[] }) {
  return (
    <Table aria-label="Your cluster connections">
      <TableHeader>
        <TableRow>
          <TableHead>Cluster</TableHead>
          <TableHead>Connection</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {connections.map((view) => (
          <TableRow key={view.cluster.name} data-testid={`my-connection-${view.cluster.name}`}>
            <TableCell>
              <div className="font-medium">{view.cluster.displayName || view.cluster.name}</div>
              <div className="text-muted-foreground font-mono text-xs">{view.cluster.name}</div>
            </TableCell>
            <TableCell>
              <ConnectionStatus status={view.status} />
            </TableCell>
            <TableCell className="text-right">
              <ConnectionActions view={view} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
