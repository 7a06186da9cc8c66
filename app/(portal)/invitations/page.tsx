import type { Metadata } from "next";
import { MailOpen } from "lucide-react";
import { MyInvitationTable } from "@/components/invitations/my-invitation-table";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listHref } from "@/lib/list-href";
import { INVITATION_LIFETIME_DAYS } from "@/lib/validators/invitation";
import { parseCursorParam } from "@/lib/validators/pagination";
import { getServerApi } from "@/server/api/server";
import { loadListPage } from "../list-page";

export const metadata: Metadata = { title: "Invitations" };

export default async function InvitationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const cursor = parseCursorParam((await searchParams).cursor);
  const api = await getServerApi();
  const hrefFor = (c?: string) => listHref("/invitations", { cursor: c });
  const invitations = await loadListPage(() => api.invitation.mine({ cursor }), hrefFor());
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Invitations" }]} />
      <PageHeader
        title="Invitations"
        description={`Invitations to spaces sent to your verified email address. Accept to become a member; an invitation expires ${INVITATION_LIFETIME_DAYS} days after it is sent.`}
      />
      {invitations.items.length === 0 ? (
        <EmptyState
          icon={<MailOpen aria-hidden />}
          title="No open invitations"
          description="When an owner of a space invites your email address, the invitation shows here."
        />
      ) : (
        <>
          <MyInvitationTable invitations={invitations.items} />
          <CursorPagination prev={invitations.prev} next={invitations.next} hrefFor={hrefFor} />
        </>
      )}
    </div>
  );
}
