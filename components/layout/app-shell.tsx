import * as React from "react";
import Link from "next/link";

import { Brand } from "@/components/layout/logo";
import { MobileNav } from "@/components/layout/mobile-nav";
import { PageContainer } from "@/components/layout/page-container";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { SpaceSwitcher } from "@/components/layout/space-switcher";
import { UserMenu, type ShellUser } from "@/components/layout/user-menu";

export type AppShellProps = {
  user: ShellUser;
  /** Server action used as the sign-out form's action. */
  signOutAction: () => Promise<void>;
  /** Optional top-bar content, typically `<Breadcrumbs items={…} />`. */
  breadcrumbs?: React.ReactNode;
  children: React.ReactNode;
};

/**
 * The portal frame: fixed sidebar (brand, space switcher, navigation) from `md` up, a top bar
 * with a drawer menu below `md`, breadcrumbs slot and user menu. Children are rendered inside a
 * `PageContainer`. Server component; the interactive parts are small client islands.
 * The `<Toaster />` is mounted by the root layout, not here.
 */
export function AppShell({ user, signOutAction, breadcrumbs, children }: AppShellProps) {
  return (
    <div className="bg-background min-h-dvh">
      <a
        href="#main-content"
        className="bg-background focus:ring-ring sr-only rounded-md px-3 py-2 text-sm font-medium shadow-md focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-[60] focus:ring-2 focus:outline-none"
      >
        Skip to content
      </a>

      <aside
        aria-label="Sidebar"
        className="bg-sidebar fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r md:flex"
      >
        <div className="flex h-14 shrink-0 items-center border-b px-4">
          <Link
            href="/"
            className="focus-visible:ring-ring rounded-md outline-none focus-visible:ring-2"
          >
            <Brand />
            <span className="sr-only"> home</span>
          </Link>
        </div>
        <div className="px-3 pt-3">
          <SpaceSwitcher />
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto">
          <SidebarNav isAdmin={user.isAdmin} />
        </div>
      </aside>

      <div className="flex min-h-dvh flex-col md:pl-64">
        <header className="bg-background/85 supports-[backdrop-filter]:bg-background/70 sticky top-0 z-20 flex h-14 shrink-0 items-center gap-3 border-b px-4 backdrop-blur md:px-6">
          <div className="flex items-center gap-2 md:hidden">
            <MobileNav isAdmin={user.isAdmin} />
            <Link
              href="/"
              className="focus-visible:ring-ring rounded-md outline-none focus-visible:ring-2"
            >
              <Brand />
              <span className="sr-only"> home</span>
            </Link>
          </div>
          <div className="hidden min-w-0 flex-1 md:block">{breadcrumbs}</div>
          <div className="ml-auto flex items-center gap-2">
            <UserMenu user={user} signOutAction={signOutAction} />
          </div>
        </header>
        {breadcrumbs ? <div className="border-b px-4 py-2 md:hidden">{breadcrumbs}</div> : null}

        <main id="main-content" tabIndex={-1} className="flex-1 outline-none">
          <PageContainer>{children}</PageContainer>
        </main>
      </div>
    </div>
  );
}
