import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { auditActionLabel } from "@/lib/audit-actions";
import { diffAuditValues } from "@/lib/audit-diff";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type TAuditEventView = RouterOutputs["activity"]["list"]["items"][number];
type TAuditSpace = RouterOutputs["admin"]["activity"]["items"][number]["space"];

/**
 * A list of audit events. The admin's platform-wide list passes `showSpace` and events carrying
 * their `space` (null for platform-wide events); a space's own list leaves the column out.
 */
export function ActivityTable({
  events,
  showSpace = false,
}: {
  events: (TAuditEventView & { space?: TAuditSpace })[];
  showSpace?: boolean;
}) {
  return (
    <Table aria-label="Activity">
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          {showSpace ? <TableHead>Space</TableHead> : null}
          <TableHead>Who</TableHead>
          <TableHead>What</TableHead>
          <TableHead>Change</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell className="text-muted-foreground text-sm whitespace-nowrap">
              <time dateTime={event.at.toISOString()}>{formatDateTime(event.at)}</time>
            </TableCell>
            {showSpace ? (
              <TableCell>
                <SpaceCell space={event.space ?? null} />
              </TableCell>
            ) : null}
            <TableCell className="font-medium">{event.actorLabel}</TableCell>
            <TableCell>
              {auditActionLabel(event.action)}{" "}
              <span className="text-muted-foreground font-mono text-xs">
                {event.targetType}/{event.targetId}
              </span>
            </TableCell>
            <TableCell>
              <ul className="space-y-0.5 text-sm">
                {diffAuditValues(event.before, event.after).map((change) => (
                  <li key={change.field}>
                    <span className="text-muted-foreground">{change.field}:</span>{" "}
                    {change.from !== null ? (
                      <del className="text-destructive">{change.from || "(empty)"}</del>
                    ) : null}
                    {change.from !== null && change.to !== null ? " → " : null}
                    {change.to !== null ? (
                      <ins className="text-success no-underline">{change.to || "(empty)"}</ins>
                    ) : null}
                  </li>
                ))}
              </ul>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One page of activity with its Newer/Older links. */
export function ActivityPage({
  page,
  hrefFor,
  showSpace,
}: {
  page: {
    items: Parameters<typeof ActivityTable>[0]["events"];
    prev: string | null;
    next: string | null;
  };
  hrefFor: (cursor: string) => string;
  showSpace?: boolean;
}) {
  return (
    <>
      <ActivityTable events={page.items} showSpace={showSpace} />
      <CursorPagination
        prev={page.prev}
        next={page.next}
        hrefFor={hrefFor}
        labels={{ prev: "Newer", next: "Older" }}
      />
    </>
  );
}

function SpaceCell({ space }: { space: TAuditSpace }) {
  if (!space) return <span className="text-muted-foreground text-sm">platform</span>;
  return (
    <span className="font-mono text-sm">
      {space.name}
      {space.deleted ? <span className="text-muted-foreground font-sans"> (deleted)</span> : null}
    </span>
  );
}
