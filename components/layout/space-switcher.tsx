"use client";

import * as React from "react";
import Link from "next/link";
import { BoxesIcon, CheckIcon, ChevronsUpDownIcon, PlusIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useCurrentSpace, type ShellSpace } from "@/components/layout/use-current-space";

export type SpaceSwitcherProps = {
  spaces: readonly ShellSpace[];
  /** Name of the selected space; derived from a `/spaces/<name>` URL when omitted. */
  currentSpace?: string;
  className?: string;
};

function SpaceMark({ label, className }: { label: string; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "bg-primary/10 text-primary flex size-6 shrink-0 items-center justify-center rounded-md text-xs font-semibold uppercase",
        className,
      )}
    >
      {label.charAt(0) || "?"}
    </span>
  );
}

export function SpaceSwitcher({ spaces, currentSpace, className }: SpaceSwitcherProps) {
  const current = useCurrentSpace(spaces, currentSpace);

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={cn(
          "bg-background hover:bg-muted focus-visible:ring-ring data-[state=open]:bg-muted flex h-10 w-full min-w-0 items-center gap-2 rounded-md border px-2 text-left text-sm shadow-xs transition-colors outline-none focus-visible:ring-2",
          className,
        )}
      >
        {current ? (
          <SpaceMark label={current.displayName} />
        ) : (
          <BoxesIcon className="text-muted-foreground size-4 shrink-0" aria-hidden="true" />
        )}
        <span className="min-w-0 flex-1">
          <span className="sr-only">Switch space. Current: </span>
          <span className={cn("block truncate", current ? "font-medium" : "text-muted-foreground")}>
            {current ? current.displayName : "Select a space"}
          </span>
        </span>
        <ChevronsUpDownIcon className="text-muted-foreground size-4 shrink-0" aria-hidden="true" />
      </DropdownMenuTrigger>
      <DropdownMenuContent
        align="start"
        className="w-(--radix-dropdown-menu-trigger-width) min-w-60"
      >
        <DropdownMenuLabel>Your spaces</DropdownMenuLabel>
        <DropdownMenuGroup>
          {spaces.length === 0 ? (
            <DropdownMenuItem disabled>No spaces yet</DropdownMenuItem>
          ) : (
            spaces.map((space) => {
              const selected = space.name === current?.name;
              return (
                <DropdownMenuItem key={space.name} asChild>
                  <Link
                    href={`/spaces/${encodeURIComponent(space.name)}`}
                    aria-current={selected ? "page" : undefined}
                  >
                    <SpaceMark label={space.displayName} className="size-5 text-[10px]" />
                    <span className="min-w-0 flex-1 truncate">{space.displayName}</span>
                    {selected ? <CheckIcon className="text-primary" aria-hidden="true" /> : null}
                  </Link>
                </DropdownMenuItem>
              );
            })
          )}
        </DropdownMenuGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/spaces">
            <BoxesIcon aria-hidden="true" />
            All spaces
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/spaces/new">
            <PlusIcon aria-hidden="true" />
            New space
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
