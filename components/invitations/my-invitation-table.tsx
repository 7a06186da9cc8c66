import { AnswerInvitationButtons } from "@/components/invitations/answer-invitation-buttons";
import { RoleBadge } from "@/components/spaces/role-badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc/types";

type TMyInvitation = RouterOutputs["invitation"]["mine"]["items"][number];

export function MyInvitationTable({ invitations }: { invitations: TMyInvitation[] }) {
  return (
    <Table aria-label="Your invitations">
      <TableHeader>
        <TableRow>
          <TableHead>Space</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Invited</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Answer</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invitations.map((invitation) => (
          <TableRow key={invitation.id} data-testid={`my-invitation-${invitation.space.name}`}>
            <TableCell>
              <div className="font-medium">{invitation.space.displayName}</div>
              <div className="text-muted-foreground font-mono text-xs">{invitation.space.name}</div>
            </TableCell>
            <TableCell>
              <RoleBadge role={invitation.role} />
            </TableCell>
            <TableCell className="text-muted-foreground text-sm">
              {formatDate(invitation.createdAt)}
              {invitation.invitedBy ? ` by ${invitation.invitedBy}` : null}
            </TableCell>
            <TableCell className="text-muted-foreground text-sm">
              <time dateTime={invitation.expiresAt.toISOString()}>
                {formatDateTime(invitation.expiresAt)}
              </time>
            </TableCell>
            <TableCell className="text-right">
              <AnswerInvitationButtons
                invitationId={invitation.id}
                spaceLabel={invitation.space.displayName}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
