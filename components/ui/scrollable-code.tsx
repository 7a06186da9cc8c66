import * as React from "react";

import { cn } from "@/lib/utils";

/**
 * A block of code (YAML) that scrolls inside a bounded box. A named, focusable region, so keyboard
 * users can scroll it (axe: scrollable-region-focusable).
 */
export function ScrollableCode({
  label,
  className,
  children,
}: {
  /** The region's accessible name, e.g. "Live YAML". */
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <pre
      role="region"
      tabIndex={0}
      aria-label={label}
      className={cn("bg-muted overflow-auto text-xs", className)}
    >
      {children}
    </pre>
  );
}
