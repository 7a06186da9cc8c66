import { headers } from "next/headers";
import type { ReactNode } from "react";
import { InvitationsBanner } from "@/components/invitations/invitations-banner";
import { AppShell } from "@/components/layout/app-shell";
import { getServerApi } from "@/server/api/server";
import { requireSession, signOut } from "@/server/auth";

// Every portal page needs the session; none can be prerendered.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireSession((await headers()).get("x-slipway-path") ?? "/");
  const invitations = await (await getServerApi()).invitation.mineCount();

  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/sign-in" });
  }

  return (
    <AppShell user={user} signOutAction={signOutAction}>
      <InvitationsBanner count={invitations.count} />
      {children}
    </AppShell>
  );
}
