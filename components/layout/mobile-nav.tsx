"use client";

import * as React from "react";
import { usePathname } from "next/navigation";
import { Dialog as DialogPrimitive } from "radix-ui";
import { MenuIcon, XIcon } from "lucide-react";

import { Brand } from "@/components/layout/logo";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { SpaceSwitcher } from "@/components/layout/space-switcher";

export type MobileNavProps = {
  isAdmin: boolean;
};

/** Menu button + slide-in drawer with the sidebar content, for screens below `md`. */
export function MobileNav({ isAdmin }: MobileNavProps) {
  const pathname = usePathname();
  // Remember where the drawer was opened: navigating anywhere closes it, no effect needed.
  const [openedAt, setOpenedAt] = React.useState<string | null>(null);
  const open = openedAt === pathname;

  return (
    <DialogPrimitive.Root open={open} onOpenChange={(next) => setOpenedAt(next ? pathname : null)}>
      <DialogPrimitive.Trigger className="text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:ring-ring -ml-1 inline-flex size-9 items-center justify-center rounded-md transition-colors outline-none focus-visible:ring-2">
        <MenuIcon className="size-5" aria-hidden="true" />
        <span className="sr-only">Open navigation</span>
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="data-[state=open]:animate-fade-in fixed inset-0 z-50 bg-black/40" />
        <DialogPrimitive.Content className="bg-sidebar data-[state=open]:animate-fade-in fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col border-r shadow-lg outline-none">
          <DialogPrimitive.Title className="sr-only">Navigation</DialogPrimitive.Title>
          <DialogPrimitive.Description className="sr-only">
            Portal sections and the space switcher
          </DialogPrimitive.Description>
          <div className="flex h-14 shrink-0 items-center justify-between border-b px-4">
            <Brand />
            <DialogPrimitive.Close className="text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:ring-ring inline-flex size-8 items-center justify-center rounded-md outline-none focus-visible:ring-2">
              <XIcon className="size-4" aria-hidden="true" />
              <span className="sr-only">Close navigation</span>
            </DialogPrimitive.Close>
          </div>
          <div className="px-3 pt-3">
            <SpaceSwitcher />
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            <SidebarNav isAdmin={isAdmin} onNavigate={() => setOpenedAt(null)} />
          </div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
