import * as React from "react";
import Link from "next/link";
import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";

import { cn } from "@/lib/utils";
import { buttonVariants } from "@/components/ui/button";

export type PaginationProps = {
  /** Current page, 1-based. */
  page: number;
  pageCount: number;
  /** Total number of items across all pages. */
  total: number;
  /** Builds the URL of a page, e.g. `(p) => \`/spaces?page=${p}\``. */
  makeHref: (page: number) => string;
  /** Nouns for the item count. Default `{ one: "item", other: "items" }`. */
  itemNoun?: { one: string; other: string };
  className?: string;
};

const linkClass = buttonVariants({ variant: "outline", size: "sm" });

/** Server-friendly Previous/Next pagination with "Page X of Y · N items". */
export function Pagination({
  page,
  pageCount,
  total,
  makeHref,
  itemNoun = { one: "item", other: "items" },
  className,
}: PaginationProps) {
  const pages = Math.max(1, pageCount);
  const current = Math.min(Math.max(1, page), pages);
  const hasPrev = current > 1;
  const hasNext = current < pages;
  const noun = total === 1 ? itemNoun.one : itemNoun.other;

  return (
    <nav
      aria-label="Pagination"
      className={cn("flex items-center justify-between gap-4 py-2", className)}
    >
      <p className="text-muted-foreground text-sm" aria-live="polite">
        Page {current} of {pages} · {total.toLocaleString("en-US")} {noun}
      </p>
      <div className="flex items-center gap-2">
        {hasPrev ? (
          <Link href={makeHref(current - 1)} rel="prev" className={linkClass}>
            <ChevronLeftIcon aria-hidden="true" />
            Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={linkClass}>
            <ChevronLeftIcon aria-hidden="true" />
            Previous
          </span>
        )}
        {hasNext ? (
          <Link href={makeHref(current + 1)} rel="next" className={linkClass}>
            Next
            <ChevronRightIcon aria-hidden="true" />
          </Link>
        ) : (
          <span aria-disabled="true" className={linkClass}>
            Next
            <ChevronRightIcon aria-hidden="true" />
          </span>
        )}
      </div>
    </nav>
  );
}
