import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { getServerApi } from "@/server/api/server";
import { requireSession, signOut } from "@/server/auth";

// Every portal page needs the session; none can be prerendered.
export const dynamic = "force-dynamic";

const SWITCHER_SPACES = 50;

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireSession((await headers()).get("x-slipway-path") ?? "/");
  const api = await getServerApi();
  const spaces = await api.space.list({ page: 1, pageSize: SWITCHER_SPACES });

  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/sign-in" });
  }

  return (
    <AppShell
      user={user}
      spaces={spaces.items.map(({ name, displayName }) => ({ name, displayName }))}
      signOutAction={signOutAction}
    >
      {children}
    </AppShell>
  );
}
