import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PhaseBadge } from "@/components/environments/phase-badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { phaseOf } from "@/lib/environment-phase";
import type { RouterOutputs } from "@/lib/trpc/types";

type TBinding = RouterOutputs["binding"]["list"]["items"][number];

/** Which snapshot each environment runs, with the status the reconciler reports. */
export function BindingTable({
  space,
  application,
  bindings,
  canConfigure,
}: {
  space: string;
  application: string;
  bindings: TBinding[];
  /** Contributors and owners change a binding's per-component configuration. */
  canConfigure: boolean;
}) {
  return (
    <Table aria-label="Bindings">
      <TableHeader>
        <TableRow>
          <TableHead>Environment</TableHead>
          <TableHead>Snapshot</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Configured components</TableHead>
          {canConfigure ? (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {bindings.map(({ binding, environment, snapshot }) => (
          <TableRow key={binding.id} data-testid={`binding-${environment.name}`}>
            <TableCell>
              <Link
                href={`/spaces/${space}/environments/${environment.name}`}
                className="font-medium hover:underline"
              >
                {environment.displayName}
              </Link>
            </TableCell>
            <TableCell>
              {snapshot.displayName}{" "}
              <span className="text-muted-foreground font-mono text-xs">({snapshot.name})</span>
            </TableCell>
            <TableCell>
              <PhaseBadge view={phaseOf(binding)} />
            </TableCell>
            <TableCell className="text-sm">
              {binding.components.length > 0
                ? binding.components
                    .map((c) => (c.syncMode === "manual" ? `${c.name} (manual sync)` : c.name))
                    .join(", ")
                : "—"}
            </TableCell>
            {canConfigure ? (
              <TableCell className="text-right">
                <Button asChild variant="outline" size="sm">
                  <Link
                    href={`/spaces/${space}/applications/${application}/bindings/${environment.name}/edit`}
                    aria-label={`Configure in ${environment.displayName}`}
                  >
                    Configure
                  </Link>
                </Button>
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
