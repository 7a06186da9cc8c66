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
import { DeleteSnapshotButton } from "./delete-snapshot-button";

type TSnapshot = RouterOutputs["snapshot"]["list"]["items"][number];

export function SnapshotTable({
  space,
  application,
  snapshots,
  canDelete,
}: {
  space: string;
  application: string;
  snapshots: TSnapshot[];
  canDelete: boolean;
}) {
  return (
    <Table aria-label="Snapshots">
      <TableHeader>
        <TableRow>
          <TableHead>Snapshot</TableHead>
          <TableHead>Images</TableHead>
          <TableHead>Created</TableHead>
          {canDelete ? (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {snapshots.map((snapshot) => (
          <TableRow key={snapshot.id} data-testid={`snapshot-${snapshot.name}`}>
            <TableCell>
              <div className="font-medium">{snapshot.displayName}</div>
              <div className="text-muted-foreground font-mono text-xs">{snapshot.name}</div>
              {snapshot.description ? (
                <p className="text-muted-foreground mt-1 text-xs">{snapshot.description}</p>
              ) : null}
            </TableCell>
            <TableCell>
              <ul className="space-y-0.5 text-xs">
                {snapshot.components.map((component) => (
                  <li key={component.name}>
                    <span className="font-medium">{component.name}</span>:{" "}
                    <span className="font-mono break-all">{component.containerImage}</span>
                  </li>
                ))}
              </ul>
            </TableCell>
            <TableCell className="text-sm whitespace-nowrap">
              {formatDateTime(snapshot.createdAt)}
            </TableCell>
            {canDelete ? (
              <TableCell className="text-right">
                <DeleteSnapshotButton
                  space={space}
                  application={application}
                  snapshot={snapshot.name}
                />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
