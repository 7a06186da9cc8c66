"use client";

import * as React from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Popover as PopoverPrimitive } from "radix-ui";
import { BoxesIcon, CheckIcon, ChevronsUpDownIcon, PlusIcon, SearchIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { inputClassName } from "@/components/ui/input";
import { useCurrentSpace } from "@/components/layout/use-current-space";
import { useTRPC } from "@/lib/trpc/react";

const RESULTS = 8;
const TYPING_PAUSE_MS = 200;

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

/** The query after the user pauses typing, so each keystroke does not cost a request. */
function useSettled(value: string): string {
  const [settled, setSettled] = React.useState(value);
  React.useEffect(() => {
    const timer = setTimeout(() => setSettled(value), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

const itemClass =
  "hover:bg-muted focus-visible:bg-muted focus-visible:ring-ring flex h-8 w-full items-center gap-2 rounded-sm px-2 text-sm outline-none focus-visible:ring-2";

/**
 * Switches between spaces. The list is searched on the server, so it works with any number of
 * spaces: the first few are shown, and typing narrows them.
 */
export function SpaceSwitcher({ className }: { className?: string }) {
  const current = useCurrentSpace();
  const trpc = useTRPC();
  const [open, setOpen] = React.useState(false);
  const [query, setQuery] = React.useState("");
  const search = useSettled(query.trim());
  const results = useQuery({
    ...trpc.space.list.queryOptions({ query: search || undefined, limit: RESULTS }),
    enabled: open,
  });
  const inputId = React.useId();

  return (
    <PopoverPrimitive.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setQuery("");
      }}
    >
      <PopoverPrimitive.Trigger
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
      </PopoverPrimitive.Trigger>
      <PopoverPrimitive.Portal>
        <PopoverPrimitive.Content
          align="start"
          sideOffset={4}
          className="bg-popover text-popover-foreground z-50 w-(--radix-popover-trigger-width) min-w-64 rounded-md border p-1 shadow-md"
        >
          <div className="relative p-1">
            <label htmlFor={inputId} className="sr-only">
              Search spaces
            </label>
            <SearchIcon
              className="text-muted-foreground pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2"
              aria-hidden="true"
            />
            <input
              id={inputId}
              type="search"
              autoComplete="off"
              maxLength={100}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder="Search spaces"
              className={cn(inputClassName, "h-8 pl-8")}
            />
          </div>
          <SwitcherResults
            loading={results.isPending}
            failed={results.isError}
            spaces={results.data?.items ?? []}
            more={Boolean(results.data?.next)}
            searching={search !== ""}
            currentName={current?.name}
            onPick={() => setOpen(false)}
          />
          <div className="bg-border -mx-1 my-1 h-px" role="separator" />
          <Link href="/spaces" className={itemClass} onClick={() => setOpen(false)}>
            <BoxesIcon className="size-4" aria-hidden="true" />
            All spaces
          </Link>
          <Link href="/spaces/new" className={itemClass} onClick={() => setOpen(false)}>
            <PlusIcon className="size-4" aria-hidden="true" />
            New space
          </Link>
        </PopoverPrimitive.Content>
      </PopoverPrimitive.Portal>
    </PopoverPrimitive.Root>
  );
}

function SwitcherResults({
  loading,
  failed,
  spaces,
  more,
  searching,
  currentName,
  onPick,
}: {
  loading: boolean;
  failed: boolean;
  spaces: readonly { name: string; displayName: string }[];
  more: boolean;
  searching: boolean;
  currentName?: string;
  onPick: () => void;
}) {
  const status = loading
    ? "Loading spaces…"
    : failed
      ? "Could not load spaces."
      : spaces.length === 0
        ? searching
          ? "No spaces match."
          : "No spaces yet."
        : more
          ? "Showing the first matches; type to narrow them."
          : null;
  return (
    <div>
      <ul aria-label="Spaces" className="max-h-72 overflow-y-auto">
        {spaces.map((space) => {
          const selected = space.name === currentName;
          return (
            <li key={space.name}>
              <Link
                href={`/spaces/${encodeURIComponent(space.name)}`}
                aria-current={selected ? "page" : undefined}
                className={itemClass}
                onClick={onPick}
              >
                <SpaceMark label={space.displayName} className="size-5 text-[10px]" />
                <span className="min-w-0 flex-1 truncate">{space.displayName}</span>
                {selected ? <CheckIcon className="text-primary size-4" aria-hidden="true" /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
      {status ? (
        <p className="text-muted-foreground px-2 py-1.5 text-xs" role="status">
          {status}
        </p>
      ) : null}
    </div>
  );
}
