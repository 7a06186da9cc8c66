import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { RouterOutputs } from "@/lib/trpc/types";
import { DeleteTargetButton, MakeTargetAvailableButton } from "./admin-target-actions";
import { PhaseBadge } from "./phase-badge";

type TTarget = RouterOutputs["deploymentTarget"]["list"]["items"][number];

export function TargetTable({ targets }: { targets: TTarget[] }) {
  return (
    <Table aria-label="Targets">
      <TableHeader>
        <TableRow>
          <TableHead>Target</TableHead>
          <TableHead>Phase</TableHead>
          <TableHead>Cluster / namespace</TableHead>
          <TableHead>Bound claim</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {targets.map((t) => (
          <TableRow key={t.id} data-testid={`target-${t.name}`}>
            <TableCell>
              <div className="font-mono font-medium">{t.name}</div>
              <div className="text-muted-foreground text-xs">
                {t.className} · {t.provisioning === "dynamic" ? "provisioned" : "registered"}
              </div>
            </TableCell>
            <TableCell>
              <PhaseBadge phase={t.phase} deleting={t.deleting} />
              {t.status.lastError ? (
                <div className="text-destructive mt-1 max-w-xs text-xs">{t.status.lastError}</div>
              ) : null}
            </TableCell>
            <TableCell className="font-mono text-sm">
              {t.cluster} / {t.namespace}
            </TableCell>
            <TableCell className="font-mono text-sm">
              {t.claim ? `${t.claim.space} / ${t.claim.name}` : "—"}
            </TableCell>
            <TableCell className="text-right">
              {t.phase === "Released" && !t.deleting ? (
                <MakeTargetAvailableButton id={t.id} name={t.name} />
              ) : null}
              {t.claim || t.deleting ? null : (
                <DeleteTargetButton id={t.id} name={t.name} provisioning={t.provisioning} />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
