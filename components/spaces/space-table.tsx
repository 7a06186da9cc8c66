import { RoleBadge } from "@/components/spaces/role-badge";
import { LinkedName } from "@/components/ui/linked-name";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type TSpaceListItem = RouterOutputs["space"]["list"]["items"][number];

export function SpaceTable({ spaces }: { spaces: TSpaceListItem[] }) {
  return (
    <Table aria-label="Spaces">
      <TableHeader>
        <TableRow>
          <TableHead>Space</TableHead>
          <TableHead>Your role</TableHead>
          <TableHead className="text-right">Members</TableHead>
          <TableHead>Created</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {spaces.map((space) => (
          <TableRow key={space.id}>
            <TableCell>
              <LinkedName
                href={`/spaces/${space.name}`}
                displayName={space.displayName}
                name={space.name}
              />
              {space.description ? (
                <div className="text-muted-foreground mt-1 line-clamp-1 max-w-prose text-sm">
                  {space.description}
                </div>
              ) : null}
            </TableCell>
            <TableCell>
              {space.role ? (
                <RoleBadge role={space.role} />
              ) : (
                <span className="text-muted-foreground text-sm">Admin access</span>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">{space.memberCount}</TableCell>
            <TableCell className="text-muted-foreground text-sm">
              {formatDate(space.createdAt)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
