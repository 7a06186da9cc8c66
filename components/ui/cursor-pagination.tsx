import * as React from "react";
import Link from "next/link";
import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { buttonVariants } from "@/components/ui/button";

export type CursorPaginationProps = {
  /** Cursors from the list's page (null at an end). */
  prev: string | null;
  next: string | null;
  /** Builds the URL of the page at a cursor. */
  hrefFor: (cursor: string) => string;
  /** Labels for the two directions, e.g. "Newer" / "Older" for activity. */
  labels?: { prev: string; next: string };
  className?: string;
};

const linkClass = buttonVariants({ variant: "outline", size: "sm" });

/** Previous/Next links for a keyset-paginated list; renders nothing when there is one page. */
export function CursorPagination({
  prev,
  next,
  hrefFor,
  labels = { prev: "Previous", next: "Next" },
  className,
}: CursorPaginationProps) {
  if (!prev && !next) return null;
  return (
    <nav
      aria-label="Pagination"
      className={cn("flex items-center justify-end gap-2 py-2", className)}
    >
      {prev ? (
        <Link href={hrefFor(prev)} rel="prev" className={linkClass}>
          <ChevronLeftIcon aria-hidden="true" />
          {labels.prev}
        </Link>
      ) : (
        <span aria-disabled="true" className={cn(linkClass, "opacity-60")}>
          <ChevronLeftIcon aria-hidden="true" />
          {labels.prev}
        </span>
      )}
      {next ? (
        <Link href={hrefFor(next)} rel="next" className={linkClass}>
          {labels.next}
          <ChevronRightIcon aria-hidden="true" />
        </Link>
      ) : (
        <span aria-disabled="true" className={cn(linkClass, "opacity-60")}>
          {labels.next}
          <ChevronRightIcon aria-hidden="true" />
        </span>
      )}
    </nav>
  );
}
