import type { Metadata } from "next";
import { InvitationTable } from "@/components/spaces/invitation-table";
import { InviteMemberForm } from "@/components/spaces/invite-member-form";
import { MemberRoleSelect, RemoveMemberButton } from "@/components/spaces/member-actions";
import { RoleBadge } from "@/components/spaces/role-badge";
import { Avatar } from "@/components/ui/avatar";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { listHref } from "@/lib/list-href";
import { parseCursorParam } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../../../list-page";
import { loadSpace } from "../space-data";

export const metadata: Metadata = { title: "Members" };

export default async function SpaceMembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { name } = await params;
  const query = await searchParams;
  // Two lists page independently: members by ?cursor=, invitations by ?invitations=.
  const cursor = parseCursorParam(query.cursor);
  const invitationCursor = parseCursorParam(query.invitations);
  const { role, isMember } = await loadSpace(name);
  const api = await getServerApi();
  const path = `/spaces/${name}/members`;
  const hrefFor = (c?: string) => listHref(path, { cursor: c, invitations: invitationCursor });
  const invitationHrefFor = (c?: string) => listHref(path, { cursor, invitations: c });
  const canManage = role === "owner";
  const [members, viewer, invitations] = await Promise.all([
    loadListPage(() => api.member.list({ space: name, cursor }), hrefFor()),
    api.viewer.get(),
    canManage
      ? loadListPage(
          () => api.invitation.list({ space: name, cursor: invitationCursor }),
          invitationHrefFor(),
        )
      : null,
  ]);
  return (
    <div className="space-y-6">
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>Invite a member</CardTitle>
            <CardDescription>
              Owners manage members and settings; contributors will deploy; viewers can look.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <InviteMemberForm space={name} />
          </CardContent>
        </Card>
      ) : null}
      {invitations && (invitations.items.length > 0 || invitationCursor) ? (
        <section aria-labelledby="invitations-heading" className="space-y-2">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            Invitations
          </h2>
          <InvitationTable space={name} invitations={invitations.items} />
          <CursorPagination
            prev={invitations.prev}
            next={invitations.next}
            hrefFor={invitationHrefFor}
            labels={{ prev: "Newer", next: "Older" }}
          />
        </section>
      ) : null}
      {canManage ? <h2 className="text-lg font-semibold">Members</h2> : null}
      <Table aria-label="Members">
        <TableHeader>
          <TableRow>
            <TableHead>Member</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Added</TableHead>
            <TableHead className="text-right">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {members.items.map((member) => {
            // Only owners get e-mail addresses; someone known by nothing else reads as hidden to others.
            const label = member.username ?? member.email ?? member.name ?? "(email hidden)";
            const self = member.userId === viewer.id;
            const ref = { userId: member.userId, label, role: member.role };
            return (
              <TableRow key={member.userId} data-testid={`member-${label}`}>
                <TableCell>
                  <div className="flex items-center gap-3">
                    <Avatar name={member.name ?? label} src={member.image} />
                    <div>
                      <div className="font-medium">
                        {member.name ?? label}
                        {self ? (
                          <span className="text-muted-foreground ml-2 text-xs">(you)</span>
                        ) : null}
                      </div>
                      <div className="text-muted-foreground text-xs">
                        {[member.username, member.email].filter(Boolean).join(" · ")}
                      </div>
                    </div>
                  </div>
                </TableCell>
                <TableCell>
                  {canManage ? (
                    <MemberRoleSelect space={name} member={ref} />
                  ) : (
                    <RoleBadge role={member.role} />
                  )}
                </TableCell>
                <TableCell className="text-muted-foreground text-sm">
                  {formatDate(member.addedAt)}
                </TableCell>
                <TableCell className="text-right">
                  {canManage || (self && isMember) ? (
                    <RemoveMemberButton space={name} member={ref} self={self} />
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <CursorPagination prev={members.prev} next={members.next} hrefFor={hrefFor} />
    </div>
  );
}
