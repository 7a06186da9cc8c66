import * as React from "react";
import Link from "next/link";

import { cn } from "@/lib/utils";

export type TabsNavItem = { href: string; label: React.ReactNode; active?: boolean };

export type TabsNavProps = {
  items: readonly TabsNavItem[];
  /** Accessible name of the navigation landmark. */
  "aria-label"?: string;
  className?: string;
};

/**
 * Route-based tabs: each tab is a link, the active one gets `aria-current="page"`.
 * Compute `active` on the server (e.g. from the route segment) — no client JS needed.
 */
export function TabsNav({ items, className, "aria-label": ariaLabel = "Sections" }: TabsNavProps) {
  return (
    <nav aria-label={ariaLabel} className={cn("border-b", className)}>
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items.map((item) => (
          <li key={item.href} className="shrink-0">
            <Link
              href={item.href}
              aria-current={item.active ? "page" : undefined}
              className={cn(
                "focus-visible:ring-ring inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors outline-none focus-visible:rounded-sm focus-visible:ring-2",
                item.active
                  ? "border-primary text-foreground"
                  : "text-muted-foreground hover:border-border hover:text-foreground border-transparent",
              )}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
