import type { ReactNode } from "react";
import { stringify } from "yaml";
import { Badge } from "@/components/ui/badge";
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

// Environments, bindings and clusters list the same managed-object rows.
type TObject = RouterOutputs["environment"]["get"]["objects"][number];

const HEALTH_VARIANT = {
  Applied: "success",
  Missing: "warning",
  Failed: "destructive",
  Deleting: "muted",
} as const;

/**
 * What the reconciler applied, with what the cluster last said of each object (as YAML; a Secret's
 * values never: they are redacted before they are recorded).
 */
export function ManagedObjectsTable({
  objects,
  owner = "environment",
  liveAction,
}: {
  objects: TObject[];
  /** What the page is about, for the empty state. */
  owner?: string;
  /** A per-row action reading the object live, on pages where such a read is wired. */
  liveAction?: (object: TObject) => ReactNode;
}) {
  if (objects.length === 0) {
    return (
      <p className="text-muted-foreground text-sm">
        Nothing applied yet. Objects appear here once the reconciler has worked on this {owner}.
      </p>
    );
  }
  return (
    <Table aria-label="Objects on the cluster">
      <TableHeader>
        <TableRow>
          <TableHead>Kind</TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Health</TableHead>
          <TableHead>Observed</TableHead>
          {liveAction ? (
            <TableHead>
              <span className="sr-only">Live state</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {objects.map((object) => (
          <TableRow key={object.id}>
            <TableCell>{object.kind}</TableCell>
            <TableCell className="font-mono text-sm">
              {object.namespace ? `${object.namespace}/` : ""}
              {object.name}
              {object.observed ? (
                <details className="mt-2">
                  <summary className="cursor-pointer font-sans text-xs underline">
                    View YAML
                  </summary>
                  <pre className="bg-muted mt-2 max-h-96 overflow-auto rounded p-3 text-xs">
                    {stringify(object.observed)}
                  </pre>
                </details>
              ) : null}
            </TableCell>
            <TableCell>
              <Badge variant={HEALTH_VARIANT[object.health]}>{object.health}</Badge>
              {object.message ? <p className="mt-1 text-xs">{object.message}</p> : null}
            </TableCell>
            <TableCell className="text-muted-foreground text-sm">
              {object.observedAt ? formatDateTime(object.observedAt) : "—"}
            </TableCell>
            {liveAction ? <TableCell>{liveAction(object)}</TableCell> : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
