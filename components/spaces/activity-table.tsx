import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { diffAuditValues } from "@/lib/audit-diff";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type TAuditEventView = RouterOutputs["activity"]["list"]["items"][number];

const ACTION_LABEL: Record<string, string> = {
  "space.create": "created the space",
  "space.update": "edited the space",
  "space.delete": "deleted the space",
  // Written before invitations existed; kept so older records still read well.
  "member.add": "added a member",
  "member.update-role": "changed a member's role",
  "member.remove": "removed a member",
  "member.leave": "left the space",
  "invitation.create": "invited someone",
  "invitation.revoke": "revoked an invitation",
  // Accepting is joining: one line says who joined with which role (see acceptInvitation).
  "invitation.accept": "accepted an invitation and joined",
  "invitation.decline": "declined an invitation",
};

export function ActivityTable({ events }: { events: TAuditEventView[] }) {
  return (
    <Table aria-label="Activity">
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
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
            <TableCell className="font-medium">{event.actorLabel}</TableCell>
            <TableCell>
              {ACTION_LABEL[event.action] ?? event.action}{" "}
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
