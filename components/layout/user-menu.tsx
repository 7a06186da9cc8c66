"use client";

import * as React from "react";
import { useFormStatus } from "react-dom";
import { ChevronDownIcon, LogOutIcon, ShieldCheckIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export type ShellUser = {
  name: string | null;
  email: string | null;
  username: string | null;
  image: string | null;
  isAdmin: boolean;
};

export type UserMenuProps = {
  user: ShellUser;
  /** Server action that signs the user out; submitted by a real `<form>`. */
  signOutAction: () => Promise<void>;
  className?: string;
};

export function UserMenu({ user, signOutAction, className }: UserMenuProps) {
  const displayName = user.name ?? user.username ?? user.email ?? "Account";

  return (
    <DropdownMenu>
      {/* Named by its content, not aria-label, so the name contains the visible text (WCAG 2.5.3):
          "Account menu for <name>", the name shown beside the avatar from the sm breakpoint. */}
      <DropdownMenuTrigger
        className={cn(
          "hover:bg-muted focus-visible:ring-ring data-[state=open]:bg-muted flex h-9 items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm transition-colors outline-none focus-visible:ring-2",
          className,
        )}
      >
        <Avatar name={displayName} src={user.image} size="sm" decorative className="size-7" />
        <span className="sr-only">Account menu for </span>
        <span className="sr-only font-medium sm:not-sr-only sm:max-w-40 sm:truncate">
          {displayName}
        </span>
        <ChevronDownIcon className="text-muted-foreground size-4" aria-hidden="true" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="text-foreground flex items-start gap-3 py-2 font-normal">
          <Avatar name={displayName} src={user.image} decorative />
          <span className="flex min-w-0 flex-col gap-0.5">
            <span className="flex items-center gap-2">
              <span className="truncate text-sm font-medium">{displayName}</span>
              {user.isAdmin ? (
                <Badge variant="accent">
                  <ShieldCheckIcon aria-hidden="true" />
                  Admin
                </Badge>
              ) : null}
            </span>
            {user.email ? (
              <span className="text-muted-foreground truncate text-xs">{user.email}</span>
            ) : null}
            {user.username ? (
              <span className="text-muted-foreground truncate font-mono text-xs">
                @{user.username}
              </span>
            ) : null}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <form action={signOutAction}>
          <SignOutItem />
        </form>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function SignOutItem() {
  const { pending } = useFormStatus();
  return (
    <DropdownMenuItem
      asChild
      disabled={pending}
      // Keep the menu (and so the form) mounted until the submission has started.
      onSelect={(event) => event.preventDefault()}
    >
      <button type="submit" className="w-full">
        <LogOutIcon aria-hidden="true" />
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </DropdownMenuItem>
  );
}
