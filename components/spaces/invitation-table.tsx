import { RevokeInvitationButton } from "@/components/spaces/revoke-invitation-button";
import { RoleBadge } from "@/components/spaces/role-badge";
import { Badge } from "@/components/ui/badge";
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

type TSpaceInvitation = RouterOutputs["invitation"]["list"]["items"][number];

/** A space's open and expired invitations, for its owners. */
export function InvitationTable({
  space,
  invitations,
}: {
  space: string;
  invitations: TSpaceInvitation[];
}) {
  return (
    <Table aria-label="Invitations">
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Invited</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {invitations.map((invitation) => (
          <TableRow key={invitation.id} data-testid={`invitation-${invitation.email}`}>
            <TableCell className="font-medium">{invitation.email}</TableCell>
            <TableCell>
              <RoleBadge role={invitation.role} />
            </TableCell>
            <TableCell className="text-muted-foreground text-sm">
              {formatDate(invitation.createdAt)}
              {invitation.invitedBy ? ` by ${invitation.invitedBy}` : null}
            </TableCell>
            <TableCell>
              <div className="flex flex-wrap items-center gap-2">
                <Badge variant={invitation.state === "expired" ? "muted" : "accent"}>
                  {invitation.state}
                </Badge>
                <span className="text-muted-foreground text-xs">
                  {invitation.state === "expired" ? "since" : "until"}{" "}
                  <time dateTime={invitation.expiresAt.toISOString()}>
                    {formatDateTime(invitation.expiresAt)}
                  </time>
                </span>
              </div>
            </TableCell>
            <TableCell className="text-right">
              <RevokeInvitationButton
                space={space}
                invitationId={invitation.id}
                email={invitation.email}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
