import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { findCondition } from "@/lib/conditions";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DeleteClaimButton } from "./delete-claim-button";
import { PhaseBadge } from "./phase-badge";

type TClaim = RouterOutputs["deploymentTargetClaim"]["list"]["items"][number];

export function ClaimTable({
  space,
  claims,
  canDelete,
}: {
  space: string;
  claims: TClaim[];
  canDelete: boolean;
}) {
  return (
    <Table aria-label="Claims">
      <TableHeader>
        <TableRow>
          <TableHead>Claim</TableHead>
          <TableHead>Phase</TableHead>
          <TableHead>Bound target</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {claims.map((claim) => (
          <TableRow key={claim.id} data-testid={`claim-${claim.name}`}>
            <TableCell>
              <div className="font-mono font-medium">{claim.name}</div>
              <div className="text-muted-foreground text-xs">
                {claim.class.name} · reclaim {claim.class.reclaimPolicy}
              </div>
            </TableCell>
            <TableCell>
              <PhaseBadge phase={claim.phase} />
              <div className="text-muted-foreground mt-1 max-w-xs text-xs">
                {findCondition(claim.status, "Ready")?.message ?? "Waiting for the binder."}
              </div>
            </TableCell>
            <TableCell className="font-mono text-sm">
              {claim.target ? `${claim.target.cluster} / ${claim.target.namespace}` : "—"}
            </TableCell>
            <TableCell className="text-right">
              {canDelete ? <DeleteClaimButton space={space} claim={claim} /> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
